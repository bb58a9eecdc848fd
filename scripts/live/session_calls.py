"""boto3 calls for the live proxy session, beyond the wire recorder's (`record_moto_har.drive`):
more operations of every protocol, and more error responses (missing resources, bad input).
Each call's ClientError is expected and swallowed: the exchange is what the session checks."""
import json

import botocore


def call(client, op, **kw):
    try:
        return getattr(client, op)(**kw)
    except botocore.exceptions.ClientError:
        return None


def drive_more(make):
    ec2 = make("ec2")
    vpc = call(ec2, "create_vpc", CidrBlock="10.1.0.0/16")
    vpc_id = vpc["Vpc"]["VpcId"] if vpc else "vpc-0"
    call(ec2, "create_tags", Resources=[vpc_id], Tags=[{"Key": "team", "Value": "wire"}])
    call(ec2, "describe_tags", Filters=[{"Name": "resource-id", "Values": [vpc_id]}])
    call(ec2, "delete_tags", Resources=[vpc_id], Tags=[{"Key": "team"}])
    call(ec2, "describe_images", Owners=["self"])
    call(ec2, "describe_route_tables", Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])
    igw = call(ec2, "create_internet_gateway")
    call(ec2, "describe_internet_gateways")
    if igw:
        call(ec2, "attach_internet_gateway", InternetGatewayId=igw["InternetGateway"]["InternetGatewayId"], VpcId=vpc_id)
    call(ec2, "allocate_address", Domain="vpc")
    call(ec2, "describe_addresses")
    call(ec2, "describe_network_interfaces")
    vol = call(ec2, "create_volume", AvailabilityZone="us-east-1a", Size=8)
    snap = call(ec2, "create_snapshot", VolumeId=vol["VolumeId"], Description="s") if vol else None
    # By id: moto's account holds hundreds of ready-made snapshots.
    call(ec2, "describe_snapshots", SnapshotIds=[snap["SnapshotId"] if snap else "snap-00000000"])
    call(ec2, "describe_vpc_attribute", VpcId=vpc_id, Attribute="enableDnsSupport")
    call(ec2, "describe_account_attributes")
    call(ec2, "stop_instances", InstanceIds=["i-0123456789abcdef0"])
    call(ec2, "delete_vpc", VpcId="vpc-00000000")

    sts = make("sts")
    call(sts, "get_caller_identity")

    sns = make("sns")
    topic = call(sns, "create_topic", Name="more")
    arn = topic["TopicArn"] if topic else "arn:aws:sns:us-east-1:123456789012:more"
    call(sns, "subscribe", TopicArn=arn, Protocol="email", Endpoint="a@example.com")
    call(sns, "list_subscriptions")
    call(sns, "list_subscriptions_by_topic", TopicArn=arn)
    call(sns, "set_topic_attributes", TopicArn=arn, AttributeName="DisplayName", AttributeValue="More")
    call(sns, "delete_topic", TopicArn=arn)

    iam = make("iam")
    call(iam, "create_policy", PolicyName="p", PolicyDocument=json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}))
    call(iam, "list_policies", Scope="Local")
    call(iam, "get_role", RoleName="r")
    call(iam, "create_group", GroupName="g")
    call(iam, "list_groups")
    call(iam, "attach_role_policy", RoleName="r", PolicyArn="arn:aws:iam::123456789012:policy/p")
    call(iam, "list_attached_role_policies", RoleName="r")
    call(iam, "delete_user", UserName="nobody")

    cfn = make("cloudformation")
    template = {"Resources": {"Topic": {"Type": "AWS::SNS::Topic", "Properties": {"TopicName": "from-stack"}}}}
    call(cfn, "create_stack", StackName="stack", TemplateBody=json.dumps(template))
    call(cfn, "describe_stacks", StackName="stack")
    call(cfn, "list_stacks")
    call(cfn, "list_stack_resources", StackName="stack")
    call(cfn, "describe_stacks", StackName="no-such-stack")

    elb = make("elb")
    call(elb, "create_load_balancer", LoadBalancerName="lb", AvailabilityZones=["us-east-1a"],
         Listeners=[{"Protocol": "HTTP", "LoadBalancerPort": 80, "InstancePort": 8080}])
    call(elb, "describe_load_balancers")
    call(elb, "describe_load_balancers", LoadBalancerNames=["missing"])

    s3 = make("s3")
    call(s3, "create_bucket", Bucket="bucket-two")
    call(s3, "head_bucket", Bucket="bucket-two")
    call(s3, "put_bucket_versioning", Bucket="bucket-two", VersioningConfiguration={"Status": "Enabled"})
    call(s3, "put_object", Bucket="bucket-two", Key="a.json", Body=b'{"a": 1}', ContentType="application/json")
    call(s3, "copy_object", Bucket="bucket-two", Key="b.json", CopySource={"Bucket": "bucket-two", "Key": "a.json"})
    call(s3, "list_object_versions", Bucket="bucket-two")
    call(s3, "put_object_tagging", Bucket="bucket-two", Key="a.json", Tagging={"TagSet": [{"Key": "k", "Value": "v"}]})
    call(s3, "get_object_tagging", Bucket="bucket-two", Key="a.json")
    call(s3, "get_bucket_acl", Bucket="bucket-two")
    call(s3, "put_bucket_policy", Bucket="bucket-two", Policy=json.dumps({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::bucket-two/*"}]}))
    upload = call(s3, "create_multipart_upload", Bucket="bucket-two", Key="big.bin")
    call(s3, "list_multipart_uploads", Bucket="bucket-two")
    if upload:
        call(s3, "abort_multipart_upload", Bucket="bucket-two", Key="big.bin", UploadId=upload["UploadId"])
    call(s3, "delete_bucket_tagging", Bucket="bucket-two")
    call(s3, "head_bucket", Bucket="no-such-bucket-here")

    r53 = make("route53")
    zone = call(r53, "create_hosted_zone", Name="example.org", CallerReference="2")
    if zone:
        zid = zone["HostedZone"]["Id"].split("/")[-1]
        call(r53, "change_resource_record_sets", HostedZoneId=zid, ChangeBatch={"Changes": [{"Action": "CREATE", "ResourceRecordSet": {
            "Name": "www.example.org", "Type": "A", "TTL": 60, "ResourceRecords": [{"Value": "192.0.2.1"}]}}]})
        call(r53, "list_tags_for_resource", ResourceType="hostedzone", ResourceId=zid)
    check = call(r53, "create_health_check", CallerReference="hc", HealthCheckConfig={
        "Type": "HTTP", "FullyQualifiedDomainName": "example.org", "Port": 80, "ResourcePath": "/"})
    call(r53, "list_health_checks")
    if check:
        call(r53, "get_health_check", HealthCheckId=check["HealthCheck"]["Id"])
    call(r53, "delete_hosted_zone", Id="ZNOTTHERE")

    ddb = make("dynamodb")
    call(ddb, "update_item", TableName="t", Key={"k": {"S": "1"}}, UpdateExpression="SET v = :v",
         ExpressionAttributeValues={":v": {"N": "3"}}, ReturnValues="ALL_NEW")
    call(ddb, "query", TableName="t", KeyConditionExpression="k = :k", ExpressionAttributeValues={":k": {"S": "1"}})
    call(ddb, "batch_write_item", RequestItems={"t": [{"PutRequest": {"Item": {"k": {"S": "2"}}}}]})
    call(ddb, "delete_item", TableName="t", Key={"k": {"S": "2"}})
    call(ddb, "tag_resource", ResourceArn="arn:aws:dynamodb:us-east-1:123456789012:table/t", Tags=[{"Key": "a", "Value": "b"}])
    call(ddb, "list_tags_of_resource", ResourceArn="arn:aws:dynamodb:us-east-1:123456789012:table/t")
    call(ddb, "describe_time_to_live", TableName="t")
    call(ddb, "get_item", TableName="missing", Key={"k": {"S": "1"}})

    kms = make("kms")
    key = call(kms, "create_key", Description="more")
    if key:
        kid = key["KeyMetadata"]["KeyId"]
        blob = call(kms, "encrypt", KeyId=kid, Plaintext=b"secret")
        if blob:
            call(kms, "decrypt", CiphertextBlob=blob["CiphertextBlob"])
        call(kms, "create_alias", AliasName="alias/more", TargetKeyId=kid)
        call(kms, "generate_data_key", KeyId=kid, KeySpec="AES_256")
    call(kms, "list_aliases")
    call(kms, "encrypt", KeyId="alias/missing", Plaintext=b"x")

    sm = make("secretsmanager")
    call(sm, "put_secret_value", SecretId="s", SecretString="v2")
    call(sm, "update_secret", SecretId="s", Description="updated")
    call(sm, "tag_resource", SecretId="s", Tags=[{"Key": "a", "Value": "b"}])
    call(sm, "delete_secret", SecretId="missing")

    events = make("events")
    call(events, "put_rule", Name="rule", ScheduleExpression="rate(5 minutes)")
    call(events, "list_rules")
    call(events, "put_targets", Rule="rule", Targets=[{"Id": "1", "Arn": "arn:aws:sqs:us-east-1:123456789012:q"}])
    call(events, "list_targets_by_rule", Rule="rule")
    call(events, "put_events", Entries=[{"Source": "app", "DetailType": "d", "Detail": "{}"}])
    call(events, "describe_rule", Name="missing")

    logs = make("logs")
    call(logs, "create_log_group", logGroupName="g")
    call(logs, "create_log_stream", logGroupName="g", logStreamName="s")
    call(logs, "put_log_events", logGroupName="g", logStreamName="s", logEvents=[{"timestamp": 1700000000000, "message": "hi"}])
    call(logs, "get_log_events", logGroupName="g", logStreamName="s")
    call(logs, "describe_log_groups")
    call(logs, "describe_log_streams", logGroupName="missing")

    sqs = make("sqs")
    q = call(sqs, "create_queue", QueueName="q")
    call(sqs, "list_queues")
    if q:
        call(sqs, "send_message", QueueUrl=q["QueueUrl"], MessageBody="m", MessageAttributes={"a": {"DataType": "String", "StringValue": "b"}})
        call(sqs, "receive_message", QueueUrl=q["QueueUrl"], MessageAttributeNames=["All"])
        call(sqs, "get_queue_attributes", QueueUrl=q["QueueUrl"], AttributeNames=["All"])
    call(sqs, "get_queue_url", QueueName="missing")

    lam = make("lambda")
    call(lam, "list_event_source_mappings")
    call(lam, "get_account_settings")
    call(lam, "get_function_configuration", FunctionName="missing")

    apigw = make("apigateway")
    api = call(apigw, "create_rest_api", name="more")
    if api:
        root = call(apigw, "get_resources", restApiId=api["id"])
        parent = root["items"][0]["id"] if root and root.get("items") else "x"
        res = call(apigw, "create_resource", restApiId=api["id"], parentId=parent, pathPart="things")
        if res:
            call(apigw, "put_method", restApiId=api["id"], resourceId=res["id"], httpMethod="GET", authorizationType="NONE")
            call(apigw, "get_resource", restApiId=api["id"], resourceId=res["id"])
        call(apigw, "get_stages", restApiId=api["id"])
    call(apigw, "create_api_key", name="k", enabled=True)
    call(apigw, "get_api_keys")
    call(apigw, "get_resource", restApiId="missing", resourceId="missing")
