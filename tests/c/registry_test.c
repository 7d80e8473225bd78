/* Registry lookups through the C ABI: every code, bad input, static strings. */
#include "httpstatus.h"
#include "check.h"

#include <limits.h>
#include <stdint.h>

static void every_code_has_an_entry(void)
{
    int code;
    for (code = 100; code <= 599; code++) {
        const char *reason = httpstatus_reason(code);
        const char *line = httpstatus_status_line(code);
        char expect[128];
        CHECK(reason != NULL && reason[0] != '\0');
        CHECK(httpstatus_summary(code) != NULL);
        CHECK(httpstatus_description(code) != NULL);
        CHECK(httpstatus_apache_sources(code) != NULL);
        CHECK(httpstatus_apache_hint(code) != NULL);
        CHECK((int)httpstatus_class_of(code) == code / 100);
        CHECK(httpstatus_is_valid(code));
        snprintf(expect, sizeof expect, "%d %s", code, reason ? reason : "");
        CHECK_STR(line, expect);
        /* Static storage: the same pointer every time. */
        CHECK(httpstatus_reason(code) == reason);
        if (httpstatus_kind_of(code) == HTTPSTATUS_KIND_UNOFFICIAL) {
            CHECK(httpstatus_origin(code) != NULL);
            CHECK(httpstatus_reference(code) == NULL);
        }
        if (httpstatus_kind_of(code) == HTTPSTATUS_KIND_REGISTERED) {
            CHECK(httpstatus_reference(code) != NULL);
            CHECK(httpstatus_reference_url(code) != NULL);
            CHECK(httpstatus_origin(code) == NULL);
        }
        if (code / 100 == 1 || code == 204 || code == 205 || code == 304)
            CHECK((httpstatus_flags(code) & HTTPSTATUS_FLAG_BODY_ALLOWED) == 0);
        else
            CHECK((httpstatus_flags(code) & HTTPSTATUS_FLAG_BODY_ALLOWED) != 0);
        CHECK(((httpstatus_flags(code) & HTTPSTATUS_FLAG_ERROR) != 0) == (code >= 400));
    }
}

static void known_entries(void)
{
    CHECK_STR(httpstatus_reason(404), "Not Found");
    CHECK_STR(httpstatus_status_line(404), "404 Not Found");
    CHECK_STR(httpstatus_reason(413), "Content Too Large");
    CHECK_STR(httpstatus_reason(418), "I'm a teapot");
    CHECK_STR(httpstatus_reason(444), "No Response");
    CHECK_STR(httpstatus_reason(432), "Client Error");
    CHECK_STR(httpstatus_status_line(599), "599 Network Connect Timeout Error");
    CHECK_STR(httpstatus_reference(404), "RFC 9110, Section 15.5.5");
    CHECK_STR(httpstatus_reference_url(404), "https://www.rfc-editor.org/rfc/rfc9110#section-15.5.5");
    CHECK_STR(httpstatus_origin(444), "nginx");
    CHECK(httpstatus_class_of(503) == HTTPSTATUS_CLASS_SERVER_ERROR);
    CHECK(httpstatus_kind_of(404) == HTTPSTATUS_KIND_REGISTERED);
    CHECK(httpstatus_kind_of(104) == HTTPSTATUS_KIND_TEMPORARY);
    CHECK(httpstatus_kind_of(306) == HTTPSTATUS_KIND_RESERVED);
    CHECK(httpstatus_kind_of(420) == HTTPSTATUS_KIND_UNOFFICIAL);
    CHECK(httpstatus_kind_of(432) == HTTPSTATUS_KIND_UNASSIGNED);
    CHECK_STR(httpstatus_class_name(HTTPSTATUS_CLASS_CLIENT_ERROR), "Client Error");
    CHECK_STR(httpstatus_kind_name(HTTPSTATUS_KIND_UNOFFICIAL), "unofficial");
    CHECK(httpstatus_flags(404) & HTTPSTATUS_FLAG_CACHEABLE);
    CHECK((httpstatus_flags(403) & HTTPSTATUS_FLAG_CACHEABLE) == 0);
    CHECK(httpstatus_flags(305) & HTTPSTATUS_FLAG_OBSOLETE);
    CHECK(httpstatus_required_headers(401) == HTTPSTATUS_HEADER_WWW_AUTHENTICATE);
    CHECK(httpstatus_required_headers(405) == HTTPSTATUS_HEADER_ALLOW);
    CHECK(httpstatus_related_headers(503) & HTTPSTATUS_HEADER_RETRY_AFTER);
    CHECK_STR(httpstatus_header_name(HTTPSTATUS_HEADER_WWW_AUTHENTICATE), "WWW-Authenticate");
    CHECK(httpstatus_alias_count(413) == 2);
    CHECK_STR(httpstatus_alias(413, 0), "Request Entity Too Large");
    CHECK_STR(httpstatus_alias(413, 1), "Payload Too Large");
    CHECK(httpstatus_alias_origin(413, 1) != NULL);
    CHECK(strstr(httpstatus_apache_sources(414), "LimitRequestLine") != NULL);
}

static void phrase_lookup(void)
{
    CHECK(httpstatus_from_reason("Not Found") == 404);
    CHECK(httpstatus_from_reason("  not   FOUND ") == 404);
    CHECK(httpstatus_from_reason("Payload Too Large") == 413);
    CHECK(httpstatus_from_reason("request-uri too long") == 414);
    CHECK(httpstatus_from_reason("I'm a teapot") == 418);
    CHECK(httpstatus_from_reason("Enhance Your Calm") == 420);
    CHECK(httpstatus_from_reason("Client Error") == 0);
    CHECK(httpstatus_from_reason("") == 0);
    CHECK(httpstatus_from_reason(NULL) == 0);
    /* Not UTF-8: simply unknown. */
    CHECK(httpstatus_from_reason("\xff\xfe\x80 Not Found") == 0);
    CHECK(httpstatus_from_reason("Not\xc3" "Found") == 0);
    CHECK(httpstatus_from_reason("Not Found\xe2\x80\xa8") == 0);
}

static void bad_input(void)
{
    const int bad[] = {INT_MIN, -404, -1, 0, 1, 99, 600, 700, 1000, 65536 + 404, INT_MAX};
    size_t i;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        int c = bad[i];
        CHECK(httpstatus_reason(c) == NULL);
        CHECK(httpstatus_status_line(c) == NULL);
        CHECK(httpstatus_summary(c) == NULL);
        CHECK(httpstatus_description(c) == NULL);
        CHECK(httpstatus_reference(c) == NULL);
        CHECK(httpstatus_reference_url(c) == NULL);
        CHECK(httpstatus_origin(c) == NULL);
        CHECK(httpstatus_apache_hint(c) == NULL);
        CHECK(httpstatus_apache_sources(c) == NULL);
        CHECK(httpstatus_class_of(c) == HTTPSTATUS_CLASS_INVALID);
        CHECK(httpstatus_kind_of(c) == HTTPSTATUS_KIND_UNASSIGNED);
        CHECK(httpstatus_flags(c) == 0);
        CHECK(httpstatus_required_headers(c) == 0);
        CHECK(httpstatus_alias_count(c) == 0);
        CHECK(httpstatus_alias(c, 0) == NULL);
        CHECK(!httpstatus_is_valid(c));
    }
    CHECK(httpstatus_alias(413, 2) == NULL);
    CHECK(httpstatus_alias(413, (size_t)-1) == NULL);
    CHECK(httpstatus_alias_origin(404, 0) == NULL);
    CHECK(httpstatus_class_name(0) == NULL);
    CHECK(httpstatus_class_name(6) == NULL);
    CHECK(httpstatus_class_name(INT_MIN) == NULL);
    CHECK(httpstatus_kind_name(-1) == NULL);
    CHECK(httpstatus_kind_name(5) == NULL);
    CHECK(httpstatus_header_name(0) == NULL);
    CHECK(httpstatus_header_name(3) == NULL);
    CHECK(httpstatus_header_name(UINT32_C(1) << 31) == NULL);
}

static void version(void)
{
    char expect[32];
    snprintf(expect, sizeof expect, "%d.%d.%d", HTTPSTATUS_VERSION_MAJOR,
             HTTPSTATUS_VERSION_MINOR, HTTPSTATUS_VERSION_PATCH);
    CHECK_STR(httpstatus_version(), expect);
    CHECK_STR(httpstatus_version(), HTTPSTATUS_VERSION_STRING);
    CHECK(httpstatus_version_number() == HTTPSTATUS_VERSION_NUMBER);
    CHECK(HTTPSTATUS_VERSION_NUMBER == HTTPSTATUS_VERSION_MAJOR * 1000000 +
                                           HTTPSTATUS_VERSION_MINOR * 1000 +
                                           HTTPSTATUS_VERSION_PATCH);
}

int main(void)
{
    every_code_has_an_entry();
    known_entries();
    phrase_lookup();
    bad_input();
    version();
    return check_report("c registry");
}
