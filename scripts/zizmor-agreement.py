# How far nhilint agrees with zizmor's own integration-test expectations on the audits both have
# (issue 15). Usage: python3 scripts/zizmor-agreement.py <a git clone or mirror of zizmorcore/zizmor>
# after `npm run build`. It reads each test's inline snapshot (the findings zizmor expects, with their
# lines), lints the same fixtures with dist/cli.js (at `level: strict` for tests run with zizmor's
# auditor persona), and counts expected findings matched at the line, in the same job and in the file,
# plus nhilint results zizmor does not expect (lines marked `# zizmor: ignore[...]` excepted).
import re, subprocess, json, os, shutil, sys, collections, tempfile
REPO=sys.argv[1] if len(sys.argv)>1 else sys.exit(__doc__ or 'usage: zizmor-agreement.py <zizmor checkout>')
CLI=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','dist','cli.js')
PREFIX='crates/zizmor/tests/integration/test-data/'
MAP={'artipacked':'persisted-checkout-credential','excessive-permissions':'excessive-permissions','secrets-inherit':'secrets-inherit',
 'overprovisioned-secrets':'all-secrets-exposed','unredacted-secrets':'unredacted-secret','github-app':'github-app-token-scope',
 'use-trusted-publishing':'long-lived-cloud-credential','secrets-outside-env':'ungated-privileged-job','hardcoded-container-credentials':'hardcoded-secret',
 'dangerous-triggers':'untrusted-trigger-with-secrets'}
def show(p): return subprocess.run(['git','-C',REPO,'show','HEAD:'+p],capture_output=True,text=True).stdout
files=subprocess.run(['git','-C',REPO,'ls-tree','-r','--name-only','HEAD','crates/zizmor/tests/integration/'],capture_output=True,text=True).stdout.split()
rsfiles=[f for f in files if f.endswith('.rs')]
runs=[]  # (input, persona, config, findings[(audit,line)])
for rs in rsfiles:
    src=show(rs)
    for fn in re.split(r'#\[test\]',src)[1:]:
        inputs=[m for m in re.findall(r'input_under_test\(\s*"([^"]+)"\s*\)',fn)]
        configs=re.findall(r'\.config\(\s*input_under_test\(\s*"([^"]+)"',fn)
        inputs=[i for i in inputs if i not in configs]
        persona='regular'
        if 'pedantic' in fn: persona='pedantic'
        if 'auditor' in fn: persona='auditor'
        if '--fix' in fn or '--format' in fn or len(inputs)!=1: continue
        snaps=re.findall(r'@r?#*"(.*?)"#*\s*\n\s*\)',fn,re.S)
        if not snaps: continue
        snap=snaps[0]
        finds=[]
        for m in re.finditer(r'(error|warning|help|info|note)\[([\w-]+)\]:.*?\n\s*--> [^:\n]*:(\d+):(\d+)',snap):
            finds.append((m.group(2),int(m.group(3))))
        runs.append(dict(input=inputs[0],persona=persona,config=configs[0] if configs else None,finds=finds,test=rs.split('/')[-1]+':'+fn.split('fn ')[1].split('(')[0] if 'fn ' in fn else rs))
# keep runs whose input is relevant: any finding of mapped audits, or input in a mapped audit's test file
rel=[r for r in runs if r['config'] is None and (any(a in MAP for a,_ in r['finds']) or any(r['test'].startswith(a.replace('-','_')+'.rs') for a in MAP))]
# one run per input: the lowest persona
order={'regular':0,'pedantic':1,'auditor':2}
byin={}
for r in rel:
    k=r['input']
    if k not in byin or order[r['persona']]<order[byin[k]['persona']]: byin[k]=r
# stage files
work=tempfile.mkdtemp(prefix='nhilint-zizmor-'); shutil.rmtree(work,ignore_errors=True); os.makedirs(work)
placed={}
for i,(inp,r) in enumerate(sorted(byin.items())):
    text=show(PREFIX+inp)
    if not text: continue
    if inp.endswith('action.yml') or inp.endswith('action.yaml'):
        rel_path=f'actions/a{i}/action.yml'
    else:
        rel_path=f'.github/workflows/w{i}.yml'
    os.makedirs(os.path.dirname(os.path.join(work,rel_path)),exist_ok=True)
    open(os.path.join(work,rel_path),'w').write(text)
    placed[inp]=(rel_path,text)
subprocess.run(['git','init','-q'],cwd=work)
def lint(strict):
    cfg=os.path.join(work,'..',os.path.basename(work)+'.yaml'); open(cfg,'w').write('level: strict\n' if strict else 'rules: {}\n')
    out=subprocess.run(['node',CLI,'--format','json','--config',cfg,'--show-suppressed'],cwd=work,capture_output=True,text=True).stdout
    return json.loads(out)['findings']
res={False:lint(False),True:lint(True)}
def jobs_of(text):
    # job key line ranges
    lines=text.split('\n'); ranges=[]; inj=False; cur=None
    for n,l in enumerate(lines,1):
        if re.match(r'^jobs\s*:',l): inj=True; continue
        if inj and re.match(r'^\S',l) and not l.startswith('#'): inj=False
        m=re.match(r'^  ([\w-]+)\s*:',l) if inj else None
        if m:
            if cur: ranges.append((cur[0],cur[1],n-1))
            cur=(m.group(1),n)
    if cur: ranges.append((cur[0],cur[1],len(lines)))
    return ranges
def job_at(text,line):
    for name,a,b in jobs_of(text):
        if a<=line<=b: return name
    return None
stats=collections.defaultdict(lambda: collections.Counter())
extras=[]; misses=[]
for inp,r in sorted(byin.items()):
    if inp not in placed: continue
    path,text=placed[inp]
    strict = r['persona']=='auditor'
    ours=[f for f in res[strict] if f['path']==path]
    lines=text.split('\n')
    exp=[(a,l) for a,l in r['finds'] if a in MAP]
    for a,l in exp:
        rule=MAP[a]; st=stats[a]; st['expected']+=1
        mine=[f for f in ours if f['ruleId']==rule]
        if any(f['line']==l for f in mine): st['line']+=1
        if any(job_at(text,f['line'])==job_at(text,l) for f in mine): st['job']+=1
        else: misses.append((a,inp,l,lines[l-1].strip()[:90] if l<=len(lines) else "?"))
        if mine: st['file']+=1
    for f in ours:
        aud=[a for a,rr in MAP.items() if rr==f['ruleId']]
        if not aud: continue
        if any(a in aud and job_at(text,l)==job_at(text,f['line']) for a,l in exp): continue
        src=lines[f['line']-1]
        if 'zizmor: ignore' in src: continue
        extras.append((f['ruleId'],inp,f['line'],src.strip()[:80]))
tot=collections.Counter()
for a,st in sorted(stats.items()):
    print(f"{a:28} expected {st['expected']:3}  line {st['line']:3}  job {st['job']:3}  file {st['file']:3}"); tot+=st
print('TOTAL',dict(tot), f"job agreement {tot['job']/max(tot['expected'],1):.1%}")
print('\nMISSES'); [print(' ',m) for m in misses]
print('\nEXTRAS',len(extras)); [print(' ',e) for e in extras]

os.remove(os.path.join(work,'..',os.path.basename(work)+'.yaml'))
shutil.rmtree(work, ignore_errors=True)
