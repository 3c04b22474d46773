# Format check for frozen3-*.tsv: 4 tab-separated fields, codes valid against config/taxonomy.yaml,
# no duplicate notes. Prints counts only (never note text), so running it does not expose the test set.
import sys, re, glob, collections
import os
d = os.path.dirname(os.path.abspath(__file__)) + '/'
sub2cat = {}; cat=None
for line in open(os.path.join(d, '../../../../../../config/taxonomy.yaml'), encoding='utf-8'):
    m = re.match(r'\s*- code: (\w+)', line)
    if m: cat = m.group(1)
    m = re.search(r'\{ code: (\w+)', line)
    if m: sub2cat[m.group(1)] = cat
seen = {}; bad = 0
cats = collections.Counter(); sevs = collections.Counter(); subs = collections.Counter(); lens = []
for fn in sorted(glob.glob(d + 'frozen3-*.tsv')):
    raw = open(fn, 'rb').read(); text = raw.decode('utf-8')
    assert text.endswith('\n'), fn
    for i, line in enumerate(text.split('\n')[:-1], 1):
        f = line.split('\t')
        if len(f) != 4 or not f[0].strip(): print('FIELDS', fn, i, len(f)); bad += 1; continue
        note, c, s, v = f
        if sub2cat.get(s) != c: print('CODE', fn, i, c, s); bad += 1
        if v not in ('EMERGENCY','HIGH','NORMAL','CONSULT'): print('SEV', fn, i, v); bad += 1
        if note in seen: print("DUP", fn, i, seen[note]); bad += 1
        seen[note] = (fn[-6:-4], i)
        cats[c]+=1; sevs[v]+=1; subs[s]+=1; lens.append(len(note))
n = len(lens)
print('notes', n, 'bad', bad)
print(dict(cats)); print(dict(sevs), 'EMERGENCY %.1f%%' % (100*sevs['EMERGENCY']/max(n,1)))
print(sorted(subs.items(), key=lambda x: x[1]))
missing = set(sub2cat) - set(subs); print('missing subs', missing)
b = [(0,15),(16,50),(51,100),(101,200),(201,300),(301,10000)]
print([(lo,hi,sum(lo<=l<=hi for l in lens)) for lo,hi in b], 'over200 %.1f%%' % (100*sum(l>200 for l in lens)/max(n,1)))
sys.exit(1 if bad else 0)
