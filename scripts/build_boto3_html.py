#!/usr/bin/env python3
"""Build boto3's HTML method pages (Sphinx + furo) from an RST corpus, and their text renderings.

The RST corpus is what scripts/generate_boto3_docs.py writes (<rst>/<service>/client/<method>.rst).
This script
  1. installs Sphinx and furo from PyPI into a venv under /tmp (once),
  2. builds the pages with a plain conf.py (html_theme = "furo") into <out>/html/<service>/client/<method>.html,
  3. with --text, renders each page with elinks (Debian package) in the style of boto3's
     text pages: `elinks -dump` output re-indented by the smallest indentation of the page
     body (elinks indents the whole body of a furo page by a fixed margin), written to
     <out>/text/<service>/client/<method>.txt.

The seed page ../shared/seeds/boto3-html-text_appstream_describe_image_builders.txt is
reproduced byte for byte by this chain from botocore 1.35.40's appstream model.

Usage:
  scripts/generate_boto3_docs.py --botocore-version 1.35.40 --services appstream --out /tmp/rst
  scripts/build_boto3_html.py --rst /tmp/rst --out /tmp/boto3-html --text
"""
import argparse
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

VENV = '/tmp/docconform-sphinx-venv'
SPHINX = 'sphinx==8.1.3'
FURO = 'furo==2024.8.6'

CONF = '''# A plain Sphinx configuration: the furo theme, nothing else.
project = "boto3"
html_theme = "furo"
# furo's own permalink mark; furo sets it only where Sphinx lets a theme change defaults.
html_permalinks_icon = "#"
'''

INDEX = '''boto3
=====

.. toctree::
   :glob:
   :hidden:

   */client/*
'''


def sphinx_build():
    exe = os.path.join(VENV, 'bin', 'sphinx-build')
    if not os.path.exists(exe):
        subprocess.run([sys.executable, '-m', 'venv', VENV], check=True)
        subprocess.run([os.path.join(VENV, 'bin', 'pip'), 'install', '--quiet', SPHINX, FURO], check=True)
    return exe


def stage_sources(rst, src):
    """A Sphinx source folder: conf.py, an index with a hidden toctree, the service folders linked in."""
    if os.path.isdir(src):
        shutil.rmtree(src)
    os.makedirs(src)
    with open(os.path.join(src, 'conf.py'), 'w') as f:
        f.write(CONF)
    with open(os.path.join(src, 'index.rst'), 'w') as f:
        f.write(INDEX)
    services = []
    for name in sorted(os.listdir(rst)):
        if os.path.isdir(os.path.join(rst, name, 'client')):
            os.symlink(os.path.abspath(os.path.join(rst, name)), os.path.join(src, name))
            services.append(name)
    return services


CODE_STARTS = ('Request Syntax', 'Response Syntax')
CODE_ENDS = ('Parameters:', 'Return type:', 'Returns:', 'Response Structure', 'Exceptions')


def reindent(dump):
    """The seed's layout from elinks 0.13's: no page margin, the centered title moved to the
    left, `•` followed by a plain space, and nested lists stepped by 2 columns instead of 5
    (elinks puts a bullet at 2 + 5*depth and its text at 4 + 5*depth; code blocks are kept)."""
    lines = [l.rstrip(' ') for l in dump.split('\n')]
    indents = [len(l) - len(l.lstrip(' ')) for l in lines if l.strip()]
    margin = min(indents) if indents else 0
    out = []
    in_code = False
    title_done = False
    for line in lines:
        line = line[margin:] if line.strip() else ''
        content = line.lstrip(' ')
        column = len(line) - len(content)
        if content in CODE_STARTS:
            in_code = True
            out.append(content)
            continue
        if in_code and content in CODE_ENDS and column == 0:
            in_code = False
        if in_code:
            out.append(line)
            continue
        content = content.replace('\u2022\u00a0', '\u2022 ')
        if not title_done and content.endswith('#') and column > 8:
            column = 0  # the centered <h1>
            title_done = True
        elif column >= 2:
            column -= 3 * ((column - 2) // 5)
        out.append(' ' * column + content if content else '')
    # The parameters field hugs the code block above it and its list below it.
    for k in range(len(out) - 1, -1, -1):
        if out[k] == 'Parameters:':
            if k + 1 < len(out) and out[k + 1] == '':
                del out[k + 1]
            if k > 0 and out[k - 1] == '':
                del out[k - 1]
    return '\n'.join(out).strip('\n')


def page_text(html_path):
    """The method's article only (no navigation, no footer), as elinks renders it."""
    dump = subprocess.run(['elinks', '-dump', '-dump-width', '512', '-no-references', '-no-numbering',
                           '-dump-charset', 'utf-8', '-eval', 'set document.browse.margin_width = 0',
                           html_path + '.article.html'],
                          check=True, capture_output=True).stdout.decode('utf-8')
    return reindent(dump)


def article_only(html_path):
    """Writes <page>.article.html: the page with only its <article> (what a reader of the page reads)."""
    with open(html_path, encoding='utf-8') as f:
        page = f.read()
    start = page.find('<article')
    end = page.find('</article>')
    if start < 0 or end < 0:
        return False
    with open(html_path + '.article.html', 'w', encoding='utf-8') as f:
        f.write('<html><head><meta charset="utf-8"></head><body>' + page[start:end + 10] + '</body></html>')
    return True


def render_text(html_root, text_root, jobs):
    pages = []
    for folder, _, files in os.walk(html_root):
        for name in files:
            if name.endswith('.html') and os.path.basename(folder) == 'client':
                pages.append(os.path.join(folder, name))

    def one(path):
        rel = os.path.relpath(path, html_root)
        target = os.path.join(text_root, rel[:-5] + '.txt')
        os.makedirs(os.path.dirname(target), exist_ok=True)
        if not article_only(path):
            return f'{rel}: no <article>'
        try:
            text = page_text(path)
        finally:
            os.remove(path + '.article.html')
        with open(target, 'w', encoding='utf-8') as f:
            f.write(text)
        return None

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        problems = [p for p in pool.map(one, pages) if p]
    for p in problems:
        print(p, file=sys.stderr)
    return len(pages), problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--rst', required=True, help='RST corpus from scripts/generate_boto3_docs.py')
    parser.add_argument('--out', required=True, help='output folder (html/ and text/ below it)')
    parser.add_argument('--text', action='store_true', help='also write elinks text renderings')
    parser.add_argument('--text-only', action='store_true', help='only (re)write the text renderings of <out>/html')
    parser.add_argument('--jobs', type=int, default=2)
    args = parser.parse_args()

    html = os.path.join(args.out, 'html')
    if args.text_only:
        n, problems = render_text(html, os.path.join(args.out, 'text'), args.jobs)
        print(f'{n} text pages -> {os.path.join(args.out, "text")}', file=sys.stderr)
        return 1 if problems else 0
    exe = sphinx_build()
    src = os.path.join(args.out, '_src')
    services = stage_sources(args.rst, src)
    if not services:
        print(f'no <service>/client/ folders under {args.rst}', file=sys.stderr)
        return 2
    started = time.time()
    # Unresolved cross-references (:doc: to the service overview, :ref:`document`) are expected.
    result = subprocess.run([exe, '-q', '-b', 'html', '-j', str(args.jobs), src, html],
                            stderr=subprocess.PIPE, text=True)
    if result.returncode != 0:
        print(result.stderr[-4000:], file=sys.stderr)
        return 1
    count = sum(len([n for n in os.listdir(os.path.join(html, s, 'client')) if n.endswith('.html')]) for s in services)
    print(f'{len(services)} services, {count} HTML pages in {time.time() - started:.0f} s -> {html}', file=sys.stderr)
    if args.text:
        if shutil.which('elinks') is None:
            print('elinks is not installed (apt-get install -y elinks)', file=sys.stderr)
            return 2
        started = time.time()
        n, problems = render_text(html, os.path.join(args.out, 'text'), args.jobs)
        print(f'{n} text pages in {time.time() - started:.0f} s -> {os.path.join(args.out, "text")}', file=sys.stderr)
        if problems:
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
