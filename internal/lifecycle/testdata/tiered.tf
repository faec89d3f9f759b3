# s3cost: STANDARD → STANDARD_IA@30d → GLACIER@120d → expire@1y
# It replaces every lifecycle rule of the bucket: add the bucket's other rules as more rule blocks.
resource "aws_s3_bucket_lifecycle_configuration" "logs" {
  bucket = var.bucket

  rule {
    id     = "logs-tiering"
    status = "Enabled"

    filter {}

    transition {
      days          = 30
      storage_class = "STANDARD_IA"
    }

    transition {
      days          = 120
      storage_class = "GLACIER"
    }

    expiration {
      days = 365
    }
  }
}
