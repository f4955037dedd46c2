package parse

import "github.com/declconv/declconv/declaration"

// Error is an input that cannot be parsed at all: an unknown encoding,
// invalid UTF-8, binary data, an empty file. It is the project's one
// positioned error, formatted file:line:col: message (byte offset N).
type Error = declaration.Error
