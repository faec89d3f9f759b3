# s3cost: INTELLIGENT_TIERING → expire@30d
# It replaces every lifecycle rule of the bucket: add the bucket's other rules as more rule blocks.
# Upload objects to INTELLIGENT_TIERING (x-amz-storage-class): a lifecycle rule does not choose the class of new objects.
resource "aws_s3_bucket_lifecycle_configuration" "tmp" {
  bucket = var.bucket

  rule {
    id     = "tmp-cleanup"
    status = "Enabled"

    filter {
      object_size_less_than = 1048576
    }

    expiration {
      days = 30
    }
  }
}
