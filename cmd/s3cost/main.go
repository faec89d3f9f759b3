// Command s3cost ranks Amazon S3 storage classes by cost for a workload.
package main

import "os"

func main() { os.Exit(Main()) }
