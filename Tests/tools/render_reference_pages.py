#!/usr/bin/env python3
"""Renders AWS API Reference pages from a botocore service model, for test data.

Usage:
  render_reference_pages.py --model service-2.json[.gz] --service PREFIX --out DIR
                            [--style html|text] [--operations Op1,Op2 | --limit N]

Writes API_<Operation>.<ext> for each operation and API_<Type>.<ext> for every
structure the operations reach, laid out as docs.aws.amazon.com serves them
(`div#main-col-body`, h2 ids ending in _RequestSyntax/_RequestParameters/..., dl/dt/dd
entries with anchors, `pre.programlisting` syntax, fact lines as `p`) or in the text
rendering of the seed (headings as lines, `- name` / `-` entries, a pattern on the line
after `Pattern:` glued to the next fact). It states what real pages state: constraints,
exact number types, required flags, enums, map key/value constraints, HTTP binding,
locations (URI/header/query members carry no Type line) and error status codes.
Test tooling only: not part of the product.
"""
import argparse
import gzip
import html
import json
import os
import re
import sys

SCALAR_TYPE = {"string": "String", "integer": "Integer", "long": "Long", "float": "Float", "double": "Double",
               "boolean": "Boolean", "timestamp": "Timestamp", "blob": "Base64-encoded binary data object",
               "character": "String", "bigdecimal": "Double", "biginteger": "Long"}
SCALAR_PLURAL = {"string": "strings", "integer": "integers", "long": "longs", "float": "floats", "double": "doubles",
                 "boolean": "Booleans", "timestamp": "timestamps", "blob": "Base64-encoded binary data objects",
                 "character": "strings", "bigdecimal": "doubles", "biginteger": "longs"}
SKELETON = {"string": '"string"', "integer": "number", "long": "number", "float": "number", "double": "number",
            "boolean": "boolean", "timestamp": "number", "blob": "blob", "character": '"string"',
            "bigdecimal": "number", "biginteger": "number"}


def plain(doc, limit=240):
    text = re.sub(r"<[^>]+>", " ", doc or "")
    text = html.unescape(re.sub(r"\s+", " ", text)).strip()
    return text[:limit].rsplit(" ", 1)[0] + " ..." if len(text) > limit else text


class Renderer:
    def __init__(self, model, prefix, style):
        self.model = model
        self.shapes = model["shapes"]
        self.meta = model["metadata"]
        self.protocol = self.meta.get("protocol", "json")
        self.prefix = prefix
        self.style = style
        self.types = []  # structure shape names to render as data-type pages

    # --- names -----------------------------------------------------------------------------
    def wire_name(self, name, ref, direction):
        shape = self.shapes[ref["shape"]]
        if self.protocol == "ec2":
            if direction == "input":
                base = ref.get("queryName") or (ref.get("locationName", name)[:1].upper() + ref.get("locationName", name)[1:])
            else:
                base = ref.get("locationName", name)
            return base + ".N" if shape["type"] == "list" else base
        if self.protocol == "query":
            if direction == "input":
                base = ref.get("locationName", name)
                if shape["type"] == "list":
                    return base + (".N" if shape.get("flattened") else ".member.N")
                if shape["type"] == "map":
                    return base + ".entry.N"
                return base
            return ref.get("locationName", name)
        return name

    # --- types -----------------------------------------------------------------------------
    def type_phrase(self, shape_name, plural=False):
        shape = self.shapes[shape_name]
        t = shape["type"]
        if t == "structure":
            if shape.get("document"):
                return "JSON values" if plural else "JSON value"
            if shape.get("exception") and not plural:
                # As real pages show the error members of an event stream: no type page.
                return "Exception"
            self.want(shape_name)
            return (self.link(shape_name) + (" objects" if plural else " object"))
        if t == "list":
            inner = self.type_phrase(shape["member"]["shape"], plural=True)
            return ("arrays of " if plural else "Array of ") + inner
        if t == "map":
            key = self.type_phrase(shape["key"]["shape"])
            value = self.type_phrase(shape["value"]["shape"])
            value = value[:1].lower() + value[1:] if value.split(" ")[0] in ("String", "Array") else value
            return f"{key} to {value} " + ("maps" if plural else "map")
        return SCALAR_PLURAL[t] if plural else SCALAR_TYPE[t]

    def link(self, name):
        if self.style == "html":
            return f'<a href="API_{name}.html">{name}</a>'
        if self.style == "markdown":
            return f"[ {name} ](API_{name}.md)"
        return name

    def want(self, name):
        if name not in self.types:
            self.types.append(name)

    # --- facts -----------------------------------------------------------------------------
    def scalar_facts(self, shape, key_prefix=""):
        facts = []
        t = shape["type"]
        if t in ("string", "blob") and ("min" in shape or "max" in shape):
            facts.append(key_prefix + "Length Constraints: " + self.bounds(shape, "length"))
        if t in ("integer", "long", "float", "double") and ("min" in shape or "max" in shape):
            facts.append(key_prefix + "Valid Range: " + self.bounds(shape, "value"))
        if "pattern" in shape:
            facts.append(("pattern", key_prefix + "Pattern:", shape["pattern"]))
        if "enum" in shape and not key_prefix.startswith("Key"):
            facts.append(("values", key_prefix + "Valid Values:", " | ".join(shape["enum"])))
        return facts

    @staticmethod
    def bounds(shape, unit):
        out = []
        lo, hi = shape.get("min"), shape.get("max")
        if lo is not None and lo == hi and unit != "value":
            return f"Fixed {unit} of {lo}."
        if lo is not None:
            out.append(f"Minimum {unit} of {lo}.")
        if hi is not None:
            out.append(f"Maximum {unit} of {hi}.")
        return " ".join(out)

    @staticmethod
    def count(shape, what):
        lo, hi = shape.get("min"), shape.get("max")
        item = lambda n: "item" if n == 1 else "items"
        if lo is not None and lo == hi:
            return f"{what}: Fixed number of {lo} {item(lo)}."
        parts = []
        if lo is not None:
            parts.append(f"Minimum number of {lo} {item(lo)}.")
        if hi is not None:
            parts.append(f"Maximum number of {hi} {item(hi)}.")
        return f"{what}: " + " ".join(parts)

    def facts(self, ref, required, located):
        shape = self.shapes[ref["shape"]]
        lines = []
        if not located:
            lines.append("Type: " + self.type_phrase(ref["shape"]))
        t = shape["type"]
        if t == "list":
            if "min" in shape or "max" in shape:
                lines.append(self.count(shape, "Array Members"))
            item = shape
            while item["type"] == "list":
                item = self.shapes[item["member"]["shape"]]
            if item["type"] not in ("structure", "map"):
                lines += self.scalar_facts(item)
        elif t == "map":
            # Pages never state a map's minimum of 1.
            counted = {k: v for k, v in shape.items() if k != "min" or v != 1}
            if "min" in counted or "max" in counted:
                lines.append(self.count(counted, "Map Entries"))
            lines += self.scalar_facts(self.shapes[shape["key"]["shape"]], "Key ")
            value = self.shapes[shape["value"]["shape"]]
            if value["type"] not in ("structure", "list", "map"):
                lines += self.scalar_facts(value, "Value ")
        elif t != "structure":
            lines += self.scalar_facts(shape)
        if required is not None:
            lines.append("Required: " + ("Yes" if required else "No"))
        return lines

    # --- syntax ----------------------------------------------------------------------------
    def skeleton(self, shape_name, indent, stack):
        shape = self.shapes[shape_name]
        t = shape["type"]
        pad = "   " * indent
        if t == "structure" and not shape.get("document"):
            if shape_name in stack:
                return "{ ... }"
            members = sorted(shape.get("members", {}).items())
            inner = [f'{pad}   "{self.a(n)}": {self.skeleton(r["shape"], indent + 1, stack + [shape_name])}' for n, r in members]
            return "{ \n" + ",\n".join(inner) + f"\n{pad}}}" if inner else "{ \n" + f"{pad}}}"
        if t == "structure":
            return "JSON value"
        if t == "list":
            return "[ " + self.skeleton(shape["member"]["shape"], indent, stack) + " ]"
        if t == "map":
            return '{ \n' + f'{pad}   "string" : {self.skeleton(shape["value"]["shape"], indent + 1, stack)}\n{pad}}}'
        return SKELETON[t]

    def a(self, name):
        return name  # member names in the syntax are links in HTML; the text shows the name

    # --- pages -----------------------------------------------------------------------------
    def operation_page(self, name):
        op = self.model["operations"][name]
        rest = self.protocol in ("rest-json", "rest-xml")
        body_format = "XML" if self.protocol == "rest-xml" else "JSON"
        sections = []
        inp = self.shapes[op["input"]["shape"]] if "input" in op else {"members": {}}
        required = set(inp.get("required", []))
        members = sorted(inp.get("members", {}).items())
        located = [(n, r) for n, r in members if r.get("location") in ("uri", "querystring", "header", "headers")]
        body = [(n, r) for n, r in members if r.get("location") not in ("uri", "querystring", "header", "headers", "statusCode")]
        syntax = []
        if rest:
            uri = op["http"]["requestUri"]
            by_label = {r.get("locationName", n): n for n, r in located if r.get("location") == "uri"}
            uri = re.sub(r"\{([^}+]+)(\+?)\}", lambda m: by_label.get(m.group(1), m.group(1)) + m.group(2), uri)
            query = [f"{r.get('locationName', n)}={n}" for n, r in located if r.get("location") == "querystring"]
            if query:
                uri += ("&" if "?" in uri else "?") + "&".join(query)
            syntax.append(f"{op['http']['method']} {uri} HTTP/1.1")
            syntax += [f"{r.get('locationName', n)}: {n}" for n, r in located if r.get("location") == "header"]
            if body and self.protocol == "rest-json":
                syntax.append("Content-type: application/json")
                syntax.append("")
                syntax.append(self.body_skeleton(body))
        elif self.protocol == "json":
            syntax.append(self.body_skeleton(body))
        if syntax:
            sections.append(("RequestSyntax", "Request Syntax", [("pre", "\n".join(syntax))]))
        if rest:
            content = [("p", "The request uses the following URI parameters.")] if located else [("p", "The request does not use any URI parameters.")]
            if located:
                content.append(("dl", [self.entry(n, r, "request", n in required, located=True) for n, r in located]))
            sections.append(("RequestParameters", "URI Request Parameters", content))
            content = [("p", f"The request accepts the following data in {body_format} format.")] if body else [("p", "The request does not have a request body.")]
            if body:
                content.append(("dl", [self.entry(n, r, "request", n in required) for n, r in body]))
            sections.append(("RequestBody", "Request Body", content))
        else:
            intro = ("The following parameters are for this specific action." if self.protocol in ("query", "ec2")
                     else "The request accepts the following data in JSON format.")
            content = [("p", intro if body else "The request does not have a request body.")]
            if body:
                content.append(("dl", [self.entry(n, r, "request", n in required) for n, r in body]))
            sections.append(("RequestParameters", "Request Parameters", content))
        out = self.shapes[op["output"]["shape"]] if "output" in op else {"members": {}}
        out_members = sorted(out.get("members", {}).items())
        headers = [(n, r) for n, r in out_members if r.get("location") in ("header", "headers")]
        status = [(n, r) for n, r in out_members if r.get("location") == "statusCode"]
        out_body = [(n, r) for n, r in out_members if r.get("location") not in ("header", "headers", "statusCode")]
        if rest or self.protocol == "json":
            rs = []
            if rest:
                rs.append(f"HTTP/1.1 {op['http'].get('responseCode', 200)}")
                rs += [f"{r.get('locationName', n)}: {n}" for n, r in headers]
                if out_body and self.protocol == "rest-json":
                    rs.append("Content-type: application/json")
                    rs.append("")
                    rs.append(self.body_skeleton(out_body))
            elif out_body:
                rs.append(self.body_skeleton(out_body))
            if rs:
                sections.append(("ResponseSyntax", "Response Syntax", [("pre", "\n".join(rs))]))
        content = []
        if status:
            content.append(("p", "If the action is successful, the service sends back the following HTTP response."))
            content.append(("dl", [self.entry(n, r, "response", None, located=True) for n, r in status]))
        elif headers or out_body:
            content.append(("p", "If the action is successful, the service sends back an HTTP 200 response."))
        else:
            content.append(("p", "If the action is successful, the service sends back an HTTP 200 response with an empty HTTP body."))
        if headers:
            content.append(("p", "The response returns the following HTTP headers."))
            content.append(("dl", [self.entry(n, r, "response", None, located=True) for n, r in headers]))
        if out_body:
            content.append(("p", f"The following data is returned in {body_format} format by the service."))
            content.append(("dl", [self.entry(n, r, "response", None) for n, r in out_body]))
        sections.append(("ResponseElements", "Response Elements", content))
        errors = []
        for e in op.get("errors", []):
            es = self.shapes[e["shape"]]
            lines = [plain(es.get("documentation", ""), 120) or e["shape"]]
            if "httpStatusCode" in es.get("error", {}):
                lines.append(f"HTTP Status Code: {es['error']['httpStatusCode']}")
            errors.append((e["shape"], None, lines))
        content = [("p", "For information about the errors that are common to all actions, see Common Errors.")]
        if errors:
            content.append(("dl", errors))
        sections.append(("Errors", "Errors", content))
        sections.append(("SeeAlso", "See Also", [("goto", name)]))
        return self.page(name, plain(op.get("documentation", "")), sections)

    def body_skeleton(self, members):
        lines = ["{"]
        inner = [f'   "{n}": {self.skeleton(r["shape"], 1, [])}' for n, r in members]
        return "{\n" + ",\n".join(inner) + "\n}"

    def entry(self, name, ref, direction, required, located=False):
        shape = self.shapes[ref["shape"]]
        wire = self.wire_name(name, ref, direction)
        doc = plain(ref.get("documentation") or shape.get("documentation", "")) or f"The {name}."
        return (wire, f"{self.prefix}-{self.current}-{direction}-{wire}", [doc] + self.facts(ref, required, located))

    def type_page(self, name):
        shape = self.shapes[name]
        required = set(shape.get("required", []))
        doc = plain(shape.get("documentation", "")) or f"The {name} data type."
        if shape.get("union"):
            doc += " This data type is a UNION, so only one of the following members can be specified when used or returned."
        entries = []
        self.current = "Type-" + name
        for n, r in sorted(shape.get("members", {}).items()):
            wire = self.wire_name(n, r, "output") if self.protocol in ("ec2",) else n
            d = plain(r.get("documentation") or self.shapes[r["shape"]].get("documentation", "")) or f"The {n}."
            entries.append((wire, f"{self.prefix}-Type-{name}-{wire}", [d] + self.facts(r, n in required, False)))
        sections = [("Contents", "Contents", [("dl", entries)] if entries else [("p", "This data type has no members.")]),
                    ("SeeAlso", "See Also", [("goto", name)])]
        return self.page(name, doc, sections)

    # --- output formats ------------------------------------------------------------------------
    def page(self, name, doc, sections):
        if self.style == "markdown":
            return self.markdown_page(name, doc, sections)
        return self.html_page(name, doc, sections) if self.style == "html" else self.text_page(name, doc, sections)

    @staticmethod
    def md_escape(text):
        return re.sub(r"([\\`*_{}\[\]()#+\-.!<>|])", r"\\\1", text)

    def md_fact(self, line):
        if isinstance(line, tuple):
            _, keyword, value = line
            return f"{keyword} `{value}`   "
        if line.startswith("Type: "):
            # The phrase already holds markdown links; escape only the words around them.
            parts = re.split(r"(\[ [A-Za-z0-9_]+ \]\(API_[A-Za-z0-9_]+\.md\))", line)
            return "".join(p if p.startswith("[ ") else self.md_escape(p) for p in parts) + "  "
        return self.md_escape(line) + "  "

    def markdown_page(self, name, doc, sections):
        out = [f'# {name}<a name="API_{name}"></a>', "", self.md_escape(doc), ""]
        for suffix, title, content in sections:
            out += [f'## {title}<a name="API_{name}_{suffix}"></a>', ""]
            for kind, value in content:
                if kind == "p":
                    out += [self.md_escape(value), ""]
                elif kind == "pre":
                    out += ["```"] + value.split("\n") + ["```", ""]
                elif kind == "goto":
                    uid = f"{self.prefix}-{self.meta.get('apiVersion', '')}"
                    out += ["For more information about using this API in one of the language\\-specific AWS SDKs, see the following:",
                            f"+  [ AWS SDK for Python](https://docs.aws.amazon.com/goto/boto3/{uid}/{value}) ", ""]
                elif kind == "dl":
                    for wire, anchor, lines in value:
                        head = f" ** [ {self.md_escape(wire)} ](#API_{name}_RequestSyntax) **   " if anchor else f" ** {self.md_escape(wire)} **   "
                        if anchor:
                            head += f'<a name="{anchor}"></a>'
                        out.append(head)
                        out += [self.md_fact(l) for l in lines]
                        out.append("")
        return "\n".join(out) + "\n"

    def html_page(self, name, doc, sections):
        esc = html.escape
        out = ['<!DOCTYPE html>', '<html xmlns="http://www.w3.org/1999/xhtml" lang="en-US"><head>',
               f'<meta http-equiv="Content-Type" content="text/html; charset=UTF-8" /><title>{esc(name)} - Reference</title>',
               '<script src="/assets/js/awsdocs-boot.js" defer="defer"></script></head><body class="awsdocs awsui">',
               '<div id="main"><div id="main-content" class="awsui-util-container"><div id="main-col-body">',
               '<awsdocs-language-banner data-service="$service"></awsdocs-language-banner>',
               f'<h1 class="topictitle" id="API_{name}">{esc(name)}</h1>',
               '<div class="awsdocs-page-header-container"><awsdocs-page-header></awsdocs-page-header></div>',
               f'<p>{esc(doc)}</p>']
        for suffix, title, content in sections:
            out.append(f'<h2 id="API_{name}_{suffix}">{title}</h2>')
            for kind, value in content:
                if kind == "p":
                    out.append(f"<p>{esc(value)}</p>")
                elif kind == "pre":
                    out.append('<pre class="programlisting"><div class="code-btn-container"></div><!--DEBUG: cli ()-->'
                               f'<code class="nohighlight">{self.link_names(esc(value), name)}</code></pre>')
                elif kind == "goto":
                    uid = f"{self.prefix}-{self.meta.get('apiVersion', '')}"
                    out.append('<p>For more information about using this API in one of the language-specific AWS SDKs, see the following:</p>')
                    out.append(f'<ul class="itemizedlist"><li class="listitem"><p><a href="https://docs.aws.amazon.com/goto/boto3/{uid}/{value}" rel="noopener noreferrer" target="_blank">AWS SDK for Python</a></p></li></ul>')
                elif kind == "dl":
                    out.append('<div class="variablelist"><dl>')
                    for wire, anchor, lines in value:
                        a = f' id="{anchor}"' if anchor else ""
                        out.append(f'<dt{a}><span class="term"><b><code class="code">{esc(wire)}</code></b></span></dt>')
                        out.append("<dd>")
                        for line in lines:
                            out.append(self.html_fact(line))
                        out.append("</dd>")
                    out.append("</dl></div>")
        out.append('</div></div></div><div id="footer"><p>Privacy | Site terms</p></div></body></html>')
        return "\n".join(out) + "\n"

    def link_names(self, text, op):
        return re.sub(r'"([A-Za-z][A-Za-z0-9_]*)": ', lambda m: f'"<a href="#{self.prefix}-{op}-request-{m.group(1)}">{m.group(1)}</a>": ', text)

    def html_fact(self, line):
        if isinstance(line, tuple):
            _, keyword, value = line
            return f'<p>{keyword} <code class="code">{html.escape(value)}</code></p>'
        if line.startswith("Type: "):
            # Links were written into the phrase already; the rest is text.
            return f"<p>{line}</p>"
        return f"<p>{html.escape(line)}</p>"

    def text_page(self, name, doc, sections):
        out = [name, doc]
        for _, title, content in sections:
            out.append(title)
            for kind, value in content:
                if kind == "p":
                    out.append(value)
                elif kind == "pre":
                    out += [l.strip() for l in value.split("\n") if l.strip()]
                elif kind == "goto":
                    out.append("For more information about using this API in one of the language-specific AWS SDKs, see the following:")
                elif kind == "dl":
                    for wire, _, lines in value:
                        out += [f"- {wire}", "-"]
                        glue = ""
                        for line in lines:
                            if isinstance(line, tuple):
                                kind2, keyword, v = line
                                if kind2 == "pattern":
                                    out.append(glue + keyword)
                                    glue = v  # the pattern's line takes the next fact line
                                    continue
                                text = f"{keyword} {v}"
                            else:
                                text = line
                            out.append(glue + text)
                            glue = ""
                        if glue:
                            out.append(glue)
        return "\n".join(out) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True)
    ap.add_argument("--service", required=True, help="anchor prefix (the service id of the pages)")
    ap.add_argument("--out", required=True)
    ap.add_argument("--style", choices=["html", "text", "markdown"], default="html")
    ap.add_argument("--operations", default="")
    ap.add_argument("--limit", type=int, default=0)
    args = ap.parse_args()
    raw = open(args.model, "rb").read()
    if raw[:2] == b"\x1f\x8b":
        raw = gzip.decompress(raw)
    model = json.loads(raw)
    names = list(model["operations"])
    if args.operations:
        names = [n for n in args.operations.split(",") if n]
    elif args.limit:
        names = names[: args.limit]
    r = Renderer(model, args.service, args.style)
    os.makedirs(args.out, exist_ok=True)
    ext = {"html": "html", "text": "txt", "markdown": "md"}[args.style]
    for name in names:
        r.current = name
        with open(os.path.join(args.out, f"API_{name}.{ext}"), "w") as f:
            f.write(r.operation_page(name))
    done = set()
    while len(done) < len(r.types):
        for name in list(r.types):
            if name in done:
                continue
            done.add(name)
            with open(os.path.join(args.out, f"API_{name}.{ext}"), "w") as f:
                f.write(r.type_page(name))
    print(f"{len(names)} operation pages, {len(done)} data type pages -> {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
