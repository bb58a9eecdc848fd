#!/usr/bin/env python3
"""The botocore data folders of the services a docconform.payload corpus (JSON Lines) names,
one a line: what `docconform parse` needs for a model of just those services.

Usage: corpus_service_folders.py CORPUS.jsonl BOTOCORE_DATA
"""
import json
import os
import sys


def main(corpus: str, data: str) -> None:
    names = set()
    with open(corpus, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                names.add(json.loads(line).get("service"))
    for name in sorted(n for n in names if isinstance(n, str)):
        if os.path.isdir(os.path.join(data, name)):
            print(os.path.join(data, name))


if __name__ == "__main__":
    main(*sys.argv[1:3])
