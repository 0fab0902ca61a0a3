import type { ResourceScope } from "./KeyIdentifiers.ts"

/** The alias prefix of AWS managed keys: `alias/aws/<service>` (https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html). */
export const AWS_MANAGED_ALIAS_PREFIX = "alias/aws/"

/** AWS managed keys rotate every year, and users cannot change that (Developer Guide, "Rotating AWS KMS keys"). */
export const AWS_MANAGED_ROTATION_DAYS = 365

interface ManagedService {
  /** What the key protects, in its default description. */
  readonly protects: string
  /** The service's endpoint prefix in kms:ViaService (`ec2` for EBS). */
  readonly endpoint: string
  /**
   * Listed by ListAliases before first use, without TargetKeyId, as AWS lists a
   * fresh account's predefined aliases (the 14 moto also lists, https://github.com/getmoto/moto/tree/master/moto/kms).
   */
  readonly predefined: boolean
}

/** The services whose `alias/aws/<service>` names an AWS managed key here; any other `alias/aws/…` is not found. */
export const awsManagedServices: Readonly<Record<string, ManagedService>> = Object.freeze({
  acm: { protects: "ACM private keys", endpoint: "acm", predefined: true },
  dynamodb: { protects: "DynamoDB tables", endpoint: "dynamodb", predefined: true },
  ebs: { protects: "EBS volumes", endpoint: "ec2", predefined: true },
  elasticfilesystem: { protects: "Elastic File Systems", endpoint: "elasticfilesystem", predefined: true },
  es: { protects: "Elasticsearch domains", endpoint: "es", predefined: true },
  glue: { protects: "Glue data", endpoint: "glue", predefined: true },
  kinesisvideo: { protects: "Kinesis Video streams", endpoint: "kinesisvideo", predefined: true },
  lambda: { protects: "Lambda functions", endpoint: "lambda", predefined: true },
  rds: { protects: "RDS database volumes", endpoint: "rds", predefined: true },
  redshift: { protects: "Redshift clusters", endpoint: "redshift", predefined: true },
  s3: { protects: "S3 objects", endpoint: "s3", predefined: true },
  secretsmanager: { protects: "Secrets Manager secrets", endpoint: "secretsmanager", predefined: true },
  ssm: { protects: "SSM parameters", endpoint: "ssm", predefined: true },
  xray: { protects: "X-Ray traces", endpoint: "xray", predefined: true },
  kinesis: { protects: "Kinesis streams", endpoint: "kinesis", predefined: false },
  sns: { protects: "SNS topics", endpoint: "sns", predefined: false },
  sqs: { protects: "SQS queues", endpoint: "sqs", predefined: false }
})

/** The service an alias name belongs to when it names an AWS managed key (`alias/aws/s3` → `s3`). */
export const awsManagedServiceOf = (aliasName: string): string | undefined => {
  if (!aliasName.startsWith(AWS_MANAGED_ALIAS_PREFIX)) return undefined
  const service = aliasName.slice(AWS_MANAGED_ALIAS_PREFIX.length)
  return Object.hasOwn(awsManagedServices, service) ? service : undefined
}

/** The description AWS gives its managed keys ("Default key that protects my S3 objects when no other key is defined"). */
export const awsManagedKeyDescription = (service: string): string =>
  `Default key that protects my ${awsManagedServices[service]?.protects ?? `${service} data`} when no other key is defined`

/**
 * The key policy AWS gives an AWS managed key (AWS KMS Developer Guide, "AWS
 * managed keys", and e.g. the aws/ebs policy in the EBS User Guide): principals
 * of the account may use it only through the service (kms:ViaService, with
 * kms:CallerAccount); the account may read its metadata directly. Nothing
 * lets anyone change, disable or delete it.
 */
export const awsManagedKeyPolicy = (scope: ResourceScope, service: string): string => {
  const endpoint = awsManagedServices[service]?.endpoint ?? service
  return JSON.stringify({
    Version: "2012-10-17",
    Id: `auto-${service}-2`,
    Statement: [
      {
        Sid: `Allow access through ${service} for all principals in the account that are authorized to use ${service}`,
        Effect: "Allow",
        Principal: { AWS: "*" },
        Action: ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:CreateGrant", "kms:DescribeKey"],
        Resource: "*",
        Condition: {
          StringEquals: { "kms:CallerAccount": scope.account, "kms:ViaService": `${endpoint}.${scope.region}.amazonaws.com` }
        }
      },
      {
        Sid: "Allow direct access to key metadata to the account",
        Effect: "Allow",
        Principal: { AWS: `arn:${scope.partition}:iam::${scope.account}:root` },
        Action: ["kms:Describe*", "kms:Get*", "kms:List*", "kms:RevokeGrant"],
        Resource: "*"
      }
    ]
  }, null, 2)
}
