// Debian's libxml2 is built with ICU; its headers would pull in the system ICU headers,
// which clash with Foundation's own ICU module. Turning the ICU flag off before the other
// headers keeps builds clean and repeatable.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
// XML Schema validation, for the tests that check junit.xml against its XSD.
#include <libxml/xmlschemas.h>
#include <libxml/xmlreader.h>
