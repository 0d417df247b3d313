#!/usr/bin/env python3
"""Prints the Bokmål keys used in src/ that tools/en.tsv has no English for (the same scan as LocalizationTests)."""
import os, re
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
pattern = re.compile(r'''\b[Ll]\["((?:[^"\\]|\\.)*)"|ErrorMessage = "((?:[^"\\]|\\.)*)"|Display\(Name = "((?:[^"\\]|\\.)*)"\)|placeholder-option="([^"]*)"|help="([^"]*)"|RuleError\([^,]+, "((?:[^"\\]|\\.)*)"|\["\w+"\] = "([^"]+)"''')
known = {line.split('\t')[0] for line in open(os.path.join(root, 'tools/en.tsv'), encoding='utf-8') if '\t' in line}
keys = set()
for d, _, files in os.walk(os.path.join(root, 'src/Husly.Web')):
    if any(p in d for p in ('/obj', '/bin', 'Migrations')):
        continue
    for f in files:
        if f.endswith(('.cs', '.cshtml')):
            for m in pattern.finditer(open(os.path.join(d, f), encoding='utf-8').read()):
                keys.add(next(g for g in m.groups() if g is not None).replace('\\"', '"'))
for k in sorted(keys - known):
    print(k)
