#!/usr/bin/env python3
"""Writes Resources/SharedResource.en.resx from tools/en.tsv (Bokmål key <TAB> English), sorted.
The TSV is the easy file to edit; the resx is what ASP.NET Core reads. A test checks that every key the code uses is there."""
import os, sys
from xml.sax.saxutils import escape, quoteattr
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rows = {}
for line in open(os.path.join(root, 'tools/en.tsv'), encoding='utf-8'):
    line = line.rstrip('\n')
    if not line: continue
    key, value = line.split('\t')
    rows[key] = value
# MSBuild treats resource names case-insensitively: "Født" and "født" cannot both be keys.
lower = {}
for key in rows:
    if key.lower() in lower and lower[key.lower()] != key:
        sys.exit(f'keys differ only by case: {lower[key.lower()]!r} and {key!r}; rephrase one')
    lower[key.lower()] = key
out = ['<?xml version="1.0" encoding="utf-8"?>', '<root>',
       '  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>',
       '  <resheader name="version"><value>2.0</value></resheader>',
       '  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>',
       '  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>']
for key in sorted(rows):
    out.append(f'  <data name={quoteattr(key)} xml:space="preserve"><value>{escape(rows[key])}</value></data>')
out.append('</root>')
open(os.path.join(root, 'src/Husly.Web/Resources/SharedResource.en.resx'), 'w', encoding='utf-8').write('\n'.join(out) + '\n')
print(f'{len(rows)} strings')
