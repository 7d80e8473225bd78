//! What `--help` says, for the program and for each command. httpstatus(1)
//! (`cli/httpstatus.1`) says the same at more length.

/// The commands `help` knows, in the order the main text lists them.
pub const COMMANDS: [&str; 6] = ["show", "explain", "page", "check-template", "list", "help"];

/// The help of one command.
pub fn for_command(name: &str) -> Option<&'static str> {
    Some(match name {
        "show" => SHOW,
        "explain" => EXPLAIN,
        "page" => PAGE,
        "check-template" => CHECK_TEMPLATE,
        "list" => LIST,
        "help" => HELP,
        _ => return None,
    })
}

pub const MAIN: &str = "\
httpstatus: every HTTP status code from 100 to 599, the error documents
mod_httpstatus sends, and why it logged an error.

Usage:
  httpstatus [show] CODE|NAME... [--lang TAG|all]
                      what the registry knows about a status code
  httpstatus explain [CAUSE|CODE] [--markdown]
                      why mod_httpstatus logged an error, and what to check
  httpstatus page CODE [--lang TAG] [--format html|json|text] [--template FILE]
                  [--path PATH] [--method METHOD]
                      the error document the module sends for a code
  httpstatus check-template [--format html|json|text] FILE...
                      compile templates as HttpStatusTemplate does
  httpstatus list [--class Nxx] [--unofficial] [--all] [--json]
                      the status codes, one per line or as JSON
  httpstatus help [COMMAND]
                      this text, or a command's (as COMMAND --help does)
  httpstatus --version

Exit status: 0 done; 1 a code, name, cause or file was not found or is not
valid (a template that does not compile); 2 the command line is wrong.
";

pub const SHOW: &str = "\
Usage: httpstatus [show] CODE|NAME... [--lang TAG|all]

Shows what the registry knows about each code: its phrase, aliases, class,
kind, summary, description, defining specification (with its URL) or the
vendor that uses it, flags, the headers that go with it, and what an Apache
httpd operator should check.

A NAME is a phrase or an alias ('not found', 'Payload Too Large'), ignoring
case, spaces and punctuation, or a part of one that only one code has
('teapot'). Quote a name of several words. 'show' is needed only when a name
is also a command's.

Options:
  --lang TAG   also show the code's title, summary and description in this
               language of the catalogues (de, fr, pt-BR, ...); 'all' for every
               language

Exit status: 0 found; 1 a code outside 100..599, or a name that matches no
code or several; 2 the command line is wrong.
";

pub const EXPLAIN: &str = "\
Usage: httpstatus explain [CAUSE|CODE] [--markdown]

mod_httpstatus writes one line to the error log for each error response. Its
first field, cause=TOKEN, says why the response has its status, as far as the
request's facts show it.

  httpstatus explain            every cause token with its meaning
  httpstatus explain CAUSE      what it means, the statuses it comes with, the
                                level of its line, what to check first and the
                                directives involved
  httpstatus explain CODE       the code's hint for Apache, and the causes the
                                module can give a response with that status

Options:
  --markdown   every cause as the Markdown of docs/diagnostics.md

Exit status: 0 found; 1 neither a cause nor a status code; 2 the command line
is wrong.
";

pub const PAGE: &str = "\
Usage: httpstatus page CODE [--lang TAG] [--format html|json|text] [--details]
                       [--template FILE] [--path PATH] [--method METHOD]

Writes to stdout the error document mod_httpstatus sends for CODE (a number
or a name): its built-in document as the module's defaults make it, or the
template FILE rendered as HttpStatusTemplate would.

Options:
  --lang TAG        the document's language (default: en)
  --format FORMAT   html, json (RFC 9457 problem+json) or text; with a
                    template, its format (default: html, or the template's
                    extension: .html, .htm, .json, .txt)
  --details         add the technical summary, long description and link to
                    the specification (HttpStatusDetails On)
  --template FILE   render this template instead of the built-in document
  --path PATH       the request's path, as the document shows it
  --method METHOD   the request's method, as the document shows it

Exit status: 0 written; 1 an unknown code, a status whose responses carry no
document (1xx, 204, 205, 304), or a template that cannot be read or does not
compile; 2 the command line is wrong (an unknown language or format, or a
template whose format neither --format nor its extension tells).
";

pub const CHECK_TEMPLATE: &str = "\
Usage: httpstatus check-template [--format html|json|text] FILE...

Compiles each template as the module does when it reads HttpStatusTemplate,
and prints 'FILE: ok', or on stderr the error apachectl -t would report
('FILE: line L, column C: ...'). Like the module, it refuses a file that is
not a regular file or is larger than the limit for templates.

Options:
  --format FORMAT   compile every FILE as html, json or text (default: from
                    each file's extension: .html, .htm, .json, .txt)

Exit status: 0 every template compiles; 1 one or more do not, or cannot be
read; 2 the command line is wrong.
";

pub const LIST: &str = "\
Usage: httpstatus list [--class Nxx] [--unofficial] [--all] [--json]

Lists the codes that have a meaning of their own, one per line: the code and
its phrase.

Options:
  --class Nxx    only codes of this class: 1xx, 2xx, 3xx, 4xx or 5xx
  --unofficial   only codes not registered with IANA that deployed software
                 sends
  --all          every code from 100 to 599, the unassigned ones included
                 (named by their class)
  --json         a JSON array of objects: code, reason, status_line, class,
                 kind, body_allowed

Exit status: 0 listed (also when nothing matches); 2 the command line is
wrong.
";

pub const HELP: &str = "\
Usage: httpstatus help [COMMAND]

Shows how to use httpstatus, or one of its commands: show, explain, page,
check-template, list, help.

Exit status: 0 shown; 2 no such command.
";
