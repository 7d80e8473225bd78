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

    // Languages: every tag listed names a language with texts for every code.
    std::vector<std::string> tags;
    for (size_t i = 0; i < httpstatus_language_count(); ++i)
        tags.emplace_back(httpstatus_language_tag(i));
    CHECK(tags.size() == 37 && tags.front() == "en");
    for (const std::string &tag : tags)
        for (int code = HTTPSTATUS_MIN_CODE; code <= HTTPSTATUS_MAX_CODE; ++code)
            CHECK(httpstatus_title_in(code, tag.c_str()) != nullptr &&
                  httpstatus_summary_in(code, tag.c_str()) != nullptr &&
                  httpstatus_description_in(code, tag.c_str()) != nullptr);
    CHECK(std::string(httpstatus_negotiate_language("zh-Hant-TW, en;q=0.5", nullptr)) == "zh-Hant");
    httpstatus_context *ctx = httpstatus_context_new();
    const httpstatus_result set = httpstatus_context_set_language(ctx, "he");
    CHECK(set == HTTPSTATUS_OK);
    std::string page(8192, '\0');
    size_t needed = 0;
    CHECK(httpstatus_render(403, HTTPSTATUS_FORMAT_HTML, ctx, &page[0], page.size(), &needed) == HTTPSTATUS_OK);
    CHECK(page.find("dir=\"rtl\"") != std::string::npos);
    httpstatus_context_free(ctx);
    return check_report("c++ registry");
}
