/* A C program that uses, for its own enum and struct, the common names an older
 * header leaked (Class, Kind, Registered, ClientError, ...): with the prefixed
 * header they must not clash. */
#include "httpstatus.h"
#include "check.h"

enum Class { Informational = 10, Successful, Redirection, ClientError, ServerError };
typedef enum Class Class;

enum KindOfCode { Unassigned = 20, Registered, Temporary, Reserved, Unofficial };

struct Kind {
    Class Class;
    enum KindOfCode Kind;
    const char *name;
};
typedef struct Kind Kind;

#define Class_ALL 5
#define Kind_ALL 5

static Kind describe(int code)
{
    Kind k;
    k.Class = httpstatus_class_of(code) == HTTPSTATUS_CLASS_CLIENT_ERROR ? ClientError : Successful;
    k.Kind = httpstatus_kind_of(code) == HTTPSTATUS_KIND_REGISTERED ? Registered : Unofficial;
    k.name = httpstatus_reason(code);
    return k;
}

int main(void)
{
    Kind nf = describe(404);
    Kind calm = describe(420);
    httpstatus_result r = httpstatus_render(404, HTTPSTATUS_FORMAT_TEXT, NULL, NULL, 0, NULL);
    CHECK(nf.Class == ClientError && nf.Kind == Registered);
    CHECK_STR(nf.name, "Not Found");
    CHECK(calm.Kind == Unofficial);
    CHECK(Informational == 10 && Reserved == 23 && Unassigned + Class_ALL + Kind_ALL == 30);
    CHECK(Temporary == 22 && Redirection == 12 && ServerError == 14);
    CHECK(r == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
    return check_report("c names");
}
