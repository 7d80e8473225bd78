// The C++ side of names_test.c: the program's own Class, Kind, Registered, ...
// (an enum class, a plain enum and a struct) next to the header.
#include "httpstatus.h"
#include "check.h"

#include <string>

enum Class { Informational, Successful, Redirection, ClientError, ServerError };
enum class Kind { Unassigned, Registered, Temporary, Reserved, Unofficial };
enum Origin { Registered, Reserved, Unofficial };

struct Code {
    int number;
    Class klass;
    Kind kind;
};

static Code describe(int number)
{
    const bool client = httpstatus_class_of(number) == HTTPSTATUS_CLASS_CLIENT_ERROR;
    const bool unofficial = httpstatus_kind_of(number) == HTTPSTATUS_KIND_UNOFFICIAL;
    return Code{number, client ? ClientError : Successful,
                unofficial ? Kind::Unofficial : Kind::Registered};
}

int main()
{
    const Code calm = describe(420);
    CHECK(calm.klass == ClientError && calm.kind == Kind::Unofficial);
    CHECK(describe(200).klass == Successful && describe(200).kind == Kind::Registered);
    CHECK(Reserved == 1 && Unofficial == 2 && Registered == 0);
    CHECK(std::string(httpstatus_reason(calm.number)) == "Enhance Your Calm");
    const httpstatus_result r = httpstatus_render(404, HTTPSTATUS_FORMAT_JSON, nullptr, nullptr, 0, nullptr);
    CHECK(r == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
    CHECK(std::string(httpstatus_result_describe(r)).find("too small") != std::string::npos);
    return check_report("c++ names");
}
