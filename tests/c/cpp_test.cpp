// The header from C++11: extern "C" linkage, enums and constants usable as-is.
#include "httpstatus.h"
#include "check.h"

#include <string>
#include <vector>

int main()
{
    std::vector<std::string> lines;
    for (int code = HTTPSTATUS_MIN_CODE; code <= HTTPSTATUS_MAX_CODE; ++code)
        lines.emplace_back(httpstatus_status_line(code));
    CHECK(lines.size() == 500);
    CHECK(lines[404 - 100] == "404 Not Found");
    CHECK(lines.back() == std::string("599 ") + httpstatus_reason(599));

    const httpstatus_class cls = httpstatus_class_of(451);
    CHECK(cls == HTTPSTATUS_CLASS_CLIENT_ERROR);
    CHECK(httpstatus_kind_of(451) == HTTPSTATUS_KIND_REGISTERED);
    CHECK(std::string(httpstatus_reason(451)) == "Unavailable For Legal Reasons");
    CHECK(httpstatus_from_reason("Unavailable for legal reasons") == 451);
    CHECK(httpstatus_from_reason(nullptr) == 0);
    CHECK(httpstatus_reason(-1) == nullptr);
    CHECK(httpstatus_version_number() == HTTPSTATUS_VERSION_NUMBER);
    return check_report("c++ registry");
}
