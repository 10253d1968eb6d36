// libxml2's parser API, for the second opinion on a process file's XML
// (XMLWellFormedness.swift): the same library FoundationXML is built on.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, and encoding.h then includes ICU's headers, whose
// definitions clash with the ICU module Foundation brings. Nothing used here touches ICU:
// without this, only the layout of xmlCharEncodingHandler, which Tresor never reads,
// would differ.
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
// The URI parser libxml2's parse runs on each namespace declaration, which the fast
// check of plain documents (XMLPlainCheck.swift) runs the same way.
#include <libxml/uri.h>
