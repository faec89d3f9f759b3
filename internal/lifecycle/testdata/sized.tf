# s3cost: STANDARD → GLACIER_IR@90d → DEEP_ARCHIVE@180d
# It replaces every lifecycle rule of the bucket: add the bucket's other rules as more rule blocks.
resource "aws_s3_bucket_lifecycle_configuration" "s3cost" {
  bucket                                 = var.bucket
  transition_default_minimum_object_size = "varies_by_storage_class"

  rule {
    id     = "s3cost-GLACIER_IR-90d-DEEP_ARCHIVE-180d"
    status = "Enabled"

    filter {
      and {
        object_size_greater_than = 131072
        object_size_less_than    = 1073741824
      }
    }

    transition {
      days          = 90
      storage_class = "GLACIER_IR"
    }

    transition {
      days          = 180
      storage_class = "DEEP_ARCHIVE"
    }
  }
}
