#!/usr/bin/env bash
# Regenerates docs-corpus/snapshots/ (and the recorded payloads in docs-corpus/payloads/)
# from pinned releases, with the project's corpus scripts. Deterministic: the same releases
# give the same files.
#
#   scripts/build_docs_corpus.sh            # snapshots + payloads
#   scripts/build_docs_corpus.sh --payloads # payloads only
#
# Snapshots: one folder per pinned botocore release, named botocore-<version> (the report
# orders them by version). Each holds the documents of that release in every format the
# project has a generator or a real sample for:
#   boto3-rst/<service>/client/<method>.rst   boto3's own generator (scripts/generate_boto3_docs.py)
#   boto3-html/appstream/client/<method>.html  boto3's HTML pages (Sphinx + furo, scripts/build_boto3_html.py)
#   boto3-html-text/appstream/client/<method>.txt  their text renderings (elinks), both for the few
#                                             methods in HTML_METHODS only (a furo page is ~50 KB)
#   aws-reference-markdown/transcribe/*.md    real AWS API Reference pages (../shared/samples), newest snapshot only
# EC2 is cut to the operations in scripts/corpus/ec2-slice.txt; the other services are whole.
set -euo pipefail
cd "$(dirname "$0")/.."

RELEASES=(1.27.0 1.35.40 1.43.11)    # 2022-05, 2024-10 and the release installed for the project
SERVICES=appstream,dynamodb,ec2,imagebuilder,lambda
OUT=docs-corpus/snapshots
WORK=${TMPDIR:-/tmp}/docconform-corpus-build
SAMPLES=../shared/samples/aws-reference-markdown/transcribe
HTML_SERVICE=appstream
HTML_METHODS=(create_fleet create_image_builder describe_fleets describe_image_builders describe_stacks)

if [ "${1:-}" != "--payloads" ]; then
    rm -rf "$OUT"/botocore-*   # the snapshots; README.md stays
    for version in "${RELEASES[@]}"; do
        pages="$WORK/rst-$version"
        if [ ! -d "$pages/lambda/client" ]; then
            python3 scripts/generate_boto3_docs.py --botocore-version "$version" --services "$SERVICES" --out "$pages"
        fi
        dest="$OUT/botocore-$version/boto3-rst"
        mkdir -p "$dest"
        for service in ${SERVICES//,/ }; do
            mkdir -p "$dest/$service/client"
            if [ "$service" = ec2 ]; then
                grep -v -e '^#' -e '^$' scripts/corpus/ec2-slice.txt | while read -r method; do
                    # operations of newer releases are simply absent from older ones
                    if [ -f "$pages/ec2/client/$method.rst" ]; then cp "$pages/ec2/client/$method.rst" "$dest/ec2/client/"; fi
                done
            else
                cp "$pages/$service/client/"*.rst "$dest/$service/client/"
            fi
        done
        # boto3 HTML and text pages of a few methods, built from this release's RST pages.
        subset="$WORK/html-rst-$version"
        rm -rf "$subset" "$WORK/html-$version"
        mkdir -p "$subset/$HTML_SERVICE/client"
        for method in "${HTML_METHODS[@]}"; do
            cp "$dest/$HTML_SERVICE/client/$method.rst" "$subset/$HTML_SERVICE/client/"
        done
        python3 scripts/build_boto3_html.py --rst "$subset" --out "$WORK/html-$version" --text
        for kind in html text; do
            target="$OUT/botocore-$version/boto3-$([ $kind = html ] && echo html || echo html-text)/$HTML_SERVICE/client"
            mkdir -p "$target"
            for method in "${HTML_METHODS[@]}"; do
                cp "$WORK/html-$version/$kind/$HTML_SERVICE/client/$method".* "$target/"
            done
        done
    done
    newest="$OUT/botocore-${RELEASES[-1]}"
    if [ -d "$SAMPLES" ]; then
        mkdir -p "$newest/aws-reference-markdown/transcribe"
        cp "$SAMPLES"/*.md "$newest/aws-reference-markdown/transcribe/"
    else
        echo "warning: $SAMPLES not found; the transcribe reference pages are left out" >&2
    fi
fi

python3 scripts/corpus/build_payloads.py --snapshot "$OUT/botocore-${RELEASES[-1]}" --out docs-corpus/payloads
du -sh "$OUT"/* docs-corpus/payloads >&2
