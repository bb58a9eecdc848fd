#!/usr/bin/env python3
"""Test-data tool: cut a boto3 service page (boto3 before 1.26: reference/services/<service>.rst)
down to a fixture: the page's head and client class introduction, the client methods named,
and the first paginator class, each kept byte for byte as boto3 wrote it.

    cut_service_page.py PAGE METHOD[,METHOD...] > fixture.rst
"""
import re
import sys


def main():
    page, wanted = sys.argv[1], sys.argv[2].split(',')
    lines = open(page, encoding='utf-8').read().split('\n')
    method = re.compile(r'^  \.\. py:method:: (\w+)\(')
    starts = [i for i, l in enumerate(lines) if method.match(l)]
    first = starts[0]
    # The client class ends at the next section title (an adornment line at the margin).
    end = next(i for i in range(first, len(lines)) if re.fullmatch(r'=+', lines[i]))
    out = lines[:first]
    for k, s in enumerate(starts):
        e = starts[k + 1] if k + 1 < len(starts) else end
        if method.match(lines[s]).group(1) in wanted:
            out += lines[s:min(e, end)]
    # The paginators' title and first class, to show that they are no client methods.
    classes = [i for i in range(end, len(lines)) if lines[i].startswith('.. py:class:: ')]
    stop = classes[1] if len(classes) > 1 else len(lines)
    out += lines[end:stop]
    sys.stdout.write('\n'.join(out).rstrip(' \n') + '\n')


if __name__ == '__main__':
    main()
