#!/bin/sh
# Regenerates the generated reference-page fixtures (HTML as served, text as in the seed, markdown)
# from botocore 1.43.11 models, for ReferenceFidelityTests. Run from the repository root
# with botocore 1.43.11 installed (pip install botocore==1.43.11).
set -eu
BC=$(python3 -c 'import botocore, os; print(os.path.dirname(botocore.__file__))')/data
FX=docs-corpus/fixtures
OUT=$FX/aws-reference/generated
TRUTH=$FX/aws-reference/botocore-1.43.11
rm -rf "$OUT"
mkdir -p "$TRUTH/route53/2013-04-01" "$TRUTH/iam/2010-05-08"
cp "$BC/route53/2013-04-01/service-2.json.gz" "$TRUTH/route53/2013-04-01/"
cp "$BC/iam/2010-05-08/service-2.json.gz" "$TRUTH/iam/2010-05-08/"
render() { # service model operations
    for style in html text markdown; do
        python3 Tests/tools/render_reference_pages.py --model "$2" --service "$1" --style $style \
            --operations "$3" --out "$OUT/$1-$style"
    done
}
render lambda "$FX/botocore-1.43.11/data/lambda/2015-03-31/service-2.json.gz" \
    Invoke,GetFunction,CreateFunction,ListFunctions,TagResource,UntagResource,PutFunctionConcurrency,GetPolicy
render dynamodb "$FX/botocore-1.43.11/data/dynamodb/2012-08-10/service-2.json.gz" \
    GetItem,PutItem,Query,BatchGetItem,CreateTable,DescribeTable
render route53 "$TRUTH/route53/2013-04-01/service-2.json.gz" \
    ListHostedZones,GetHostedZone,ChangeResourceRecordSets,ListResourceRecordSets,ChangeTagsForResource
render iam "$TRUTH/iam/2010-05-08/service-2.json.gz" \
    CreateUser,ListUsers,GetRole,TagRole,AttachRolePolicy,ListAttachedRolePolicies,GetAccountSummary
render ec2 "$FX/botocore-1.43.11/data/ec2/2016-11-15/service-2.json.gz" \
    DescribeImages,CreateNetworkInterface,DescribeNetworkInterfaces,TerminateInstances,CreateTags
