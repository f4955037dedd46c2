// Package convert is the pipeline between the reader and the writers: it
// reads an input into a [declaration.Document] and writes that document in
// any of the output formats.
//
// The output formats stand in one ordered table, [Formats], each with its
// name, file extension and whether it is binary; [Lookup] finds one by name,
// ignoring case. Adding a format is adding one row to that table. Every
// writer is configured by the same plain [Options], whose zero value works.
//
// [Read] recognises its input: canonical YAML or JSON (a document this
// program wrote, perhaps edited by hand) is decoded strictly and validated,
// so that it renders again; anything else is source text for the parser.
//
// [Convert] writes one document in several formats, each file through
// [WriteFileAtomic], so that a failing writer never leaves a half-written
// file behind; [OutputPath] names those files after their input.
//
// A batch is [Expand] (arguments to inputs, directories walked through a
// [Filter]), [Plan] (where each output goes, never over an input nor
// outside the output directory) and a [Runner], which converts the jobs
// with several workers and reports them in input order, so that outputs,
// reports, [DiagnosticsWriter] output and the [Manifest] are the same
// bytes whatever the number of workers. A [Shard] picks a stable part of
// a batch; [MergeManifests] joins the shards' manifests.
//
// This package knows nothing of flags, exit codes or terminals: that is
// the business of cmd/convert.
package convert
