import os, glob, collections, yaml
tax = yaml.safe_load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), '../../../../../../config/taxonomy.yaml')))
valid = {c['code']: {s['code'] for s in c['subcategories']} for c in tax['categories']}
SEV = {'EMERGENCY','HIGH','NORMAL','CONSULT'}
d = os.path.dirname(os.path.abspath(__file__)) + '/'
seen = {}; ok = True
cat = collections.Counter(); sev = collections.Counter(); sub = collections.Counter(); opens = collections.Counter(); lens=[]
for f in sorted(glob.glob(d+'frozen7-*.tsv')):
    for i, line in enumerate(open(f, encoding='utf-8').read().split('\n')):
        if line == '': continue
        p = line.split('\t')
        if len(p) != 4: print('FIELDS', f, i+1, line[:40]); ok=False; continue
        n, c, s, v = p
        if c not in valid or s not in valid[c] or v not in SEV: print('CODE', f, i+1, p[1:]); ok=False
        if n.strip() != n or not n: print('WS', f, i+1)
        if n in seen: print('DUP', f, i+1, seen[n]); ok=False
        seen[n] = (f, i+1)
        cat[c]+=1; sev[v]+=1; sub[c+'/'+s]+=1; opens[n[:3]]+=1; lens.append(len(n))
N=len(lens); print('notes', N, 'OK' if ok else 'ERRORS')
print(dict(cat)); print(dict(sev), 'EMERG %.1f%%' % (100*sev['EMERGENCY']/max(N,1)))
for k in sorted(valid):
    print(' ', k, {s: sub[k+'/'+s] for s in sorted(valid[k])})
print('len>200:', sum(l>200 for l in lens), 'len<=15:', sum(l<=15 for l in lens), 'max', max(lens) if lens else 0)
print('top openings(3 chars):', [(o,c) for o,c in opens.most_common(8)])
