#!/usr/bin/env python3
# Usage: scripts/intake/near-twins.py frozenN|trainN (N = 4..7 for frozen, 4..10 for train)
# Run frozenN only after every choice is fixed (it reads the frozenN files the way the evaluation test does).
# Aggregate near-twin counts only (character-trigram Jaccard); prints no note text.
import glob, os, sys
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../hotline-core/src/test/resources/intake'))
from collections import defaultdict
def notes(paths):
    out=[]
    for p in paths:
        for l in open(p, encoding='utf-8'):
            f=l.rstrip('\n').split('\t')
            if len(f)==4 and f[0].strip(): out.append(f[0].strip())
    return out
def tri(s):
    s=''.join(s.split())
    return {s[i:i+3] for i in range(max(1,len(s)-2))}
ct=notes(['corpus-train.tsv'])
groups={'labelled-notes':notes(['labelled-notes.tsv']),'corpus-A':ct[:850],'corpus-B':ct[850:],
        'corpus2':notes(sorted(glob.glob('corpus2/train-[0-9][0-9].tsv')))}
for w in range(4, 11):  # the later training writers (IntakeCorpus.TRAINING_WRITERS)
    groups[f'train{w}']=notes(sorted(glob.glob(f'train{w}/train{w}-[0-9][0-9].tsv')))
def maxsim(queries, pool):
    idx=defaultdict(list); sets=[tri(n) for n in pool]
    for j,t in enumerate(sets):
        for g in t: idx[g].append(j)
    res=[]
    for q in queries:
        tq=tri(q); cnt=defaultdict(int)
        for g in tq:
            for j in idx.get(g,()): cnt[j]+=1
        best=0.0
        for j,c in cnt.items():
            best=max(best, c/(len(tq)+len(sets[j])-c))
        res.append(best)
    return res
which=sys.argv[1]
if which.startswith('frozen'):
    q=notes(sorted(glob.glob(f'corpus{which[6:]}/{which}-[0-9][0-9].tsv'))); label=which
    pools=groups
else:
    q=groups[which]; label=which+' (training)'
    pools={k:v for k,v in groups.items() if k!=which}
print(label, len(q), 'notes')
allmax=[0.0]*len(q)
for name,pool in pools.items():
    m=maxsim(q,pool)
    allmax=[max(a,b) for a,b in zip(allmax,m)]
    print(f"  vs {name:15s}: max Jaccard > 0.5: {sum(x>0.5 for x in m):4d}, > 0.3: {sum(x>0.3 for x in m):4d}, mean of max {sum(m)/len(m):.3f}")
print(f"  vs all training: > 0.5: {sum(x>0.5 for x in allmax)}, > 0.3: {sum(x>0.3 for x in allmax)}, mean of max {sum(allmax)/len(allmax):.3f}")
