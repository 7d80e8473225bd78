/* Error documents through the C ABI: negotiation, rendering into caller buffers
 * with snprintf semantics, contexts, templates, and every documented error. */
#include "httpstatus.h"
#include "check.h"

#include <limits.h>
#include <stdlib.h>

#define BIT(f) (1u << ((f) - 1))

static void negotiation(void)
{
    CHECK(httpstatus_negotiate(NULL, HTTPSTATUS_FORMATS_ALL) == HTTPSTATUS_FORMAT_HTML);
    CHECK(httpstatus_negotiate("application/json", 0) == HTTPSTATUS_FORMAT_JSON);
    CHECK(httpstatus_negotiate("text/plain", HTTPSTATUS_FORMATS_ALL) == HTTPSTATUS_FORMAT_TEXT);
    CHECK(httpstatus_negotiate("text/html;q=0.2, application/problem+json", 0) == HTTPSTATUS_FORMAT_JSON);
    CHECK(httpstatus_negotiate("*/*", 0) == HTTPSTATUS_FORMAT_HTML);
    CHECK(httpstatus_negotiate("text/html", BIT(HTTPSTATUS_FORMAT_TEXT)) == HTTPSTATUS_FORMAT_TEXT);
    CHECK(httpstatus_negotiate(",;;q=,/", 0xffffffffu) == HTTPSTATUS_FORMAT_HTML);
    CHECK_STR(httpstatus_content_type(HTTPSTATUS_FORMAT_JSON), "application/problem+json; charset=utf-8");
    CHECK_STR(httpstatus_content_type(HTTPSTATUS_FORMAT_HTML), "text/html; charset=utf-8");
    CHECK(httpstatus_content_type(0) == NULL);
    CHECK(httpstatus_content_type(4) == NULL);
    CHECK(httpstatus_content_type(INT_MIN) == NULL);
    {
        /* A 10,000-element header ending in the one that matters. */
        size_t n = 10000, i;
        const char *item = "x/y;q=0.5,";
        char *big = malloc(n * strlen(item) + 32);
        big[0] = '\0';
        for (i = 0; i < n; i++)
            memcpy(big + i * strlen(item), item, strlen(item) + 1);
        strcat(big, "text/plain");
        CHECK(httpstatus_negotiate(big, 0) == HTTPSTATUS_FORMAT_TEXT);
        free(big);
    }
}

static void builtin_rendering(void)
{
    char buf[8192];
    size_t needed = 0;
    httpstatus_context *ctx = httpstatus_context_new();
    const char path[] = "/a<script>\"x\"\0hidden";
    CHECK(ctx != NULL);
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_METHOD, "GET", 3) == HTTPSTATUS_OK);
    /* Length-delimited: the embedded NUL and what follows are data, escaped. */
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_PATH, path, sizeof path - 1) == HTTPSTATUS_OK);
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_REQUEST_ID, "r-1", 3) == HTTPSTATUS_OK);

    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, ctx, buf, sizeof buf, &needed) == HTTPSTATUS_OK);
    CHECK(needed == strlen(buf));
    CHECK(needed >= 512);
    CHECK(strstr(buf, "<h1><span>404</span> Not Found</h1>") != NULL);
    CHECK(strstr(buf, "/a&lt;script&gt;&quot;x&quot;\xef\xbf\xbdhidden") != NULL);
    CHECK(strstr(buf, "<script>") == NULL);

    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_JSON, ctx, buf, sizeof buf, &needed) == HTTPSTATUS_OK);
    CHECK(strstr(buf, "\"status\": 404") != NULL);
    CHECK(strstr(buf, "\"instance\": \"/a\\u003cscript\\u003e\\\"x\\\"") != NULL);

    CHECK(httpstatus_render(503, HTTPSTATUS_FORMAT_TEXT, NULL, buf, sizeof buf, &needed) == HTTPSTATUS_OK);
    CHECK(strncmp(buf, "503 Service Unavailable\n", 24) == 0);

    /* Details on: long description and the spec link. */
    CHECK(httpstatus_context_set_details(ctx, true) == HTTPSTATUS_OK);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strstr(buf, "RFC 9110, Section 15.5.5") != NULL);

    /* A reason override (e.g. the server's own phrase) shows in the page, escaped. */
    CHECK(httpstatus_context_set_reason(ctx, "Gone <Fishing>", 14) == HTTPSTATUS_OK);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_TEXT, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strncmp(buf, "404 Gone <Fishing>\n", 19) == 0);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strstr(buf, "<title>404 Gone &lt;Fishing&gt;</title>") != NULL);
    CHECK(httpstatus_context_set_reason(ctx, "\xff", 1) == HTTPSTATUS_ERROR_INVALID_UTF8);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_TEXT, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strncmp(buf, "404 Gone <Fishing>\n", 19) == 0); /* unchanged on error */
    CHECK(httpstatus_context_set_reason(ctx, NULL, 0) == HTTPSTATUS_OK);
    CHECK(httpstatus_context_set_reason(NULL, "x", 1) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_TEXT, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strncmp(buf, "404 Not Found\n", 14) == 0);

    /* Clearing a field removes it. */
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_PATH, NULL, 0) == HTTPSTATUS_OK);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, ctx, buf, sizeof buf, NULL) == HTTPSTATUS_OK);
    CHECK(strstr(buf, "hidden") == NULL);
    httpstatus_context_free(ctx);
}

static void snprintf_semantics(void)
{
    char full[8192], small[40];
    size_t needed = 0, size_only = 0;
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, full, sizeof full, &needed) == HTTPSTATUS_OK);
    /* Size query. */
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, NULL, 0, &size_only) == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
    CHECK(size_only == needed);
    /* Truncation: a NUL-terminated prefix, never an overrun. */
    memset(small, 'Z', sizeof small);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, small, 20, &size_only) == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
    CHECK(size_only == needed);
    CHECK(strlen(small) == 19);
    CHECK(strncmp(small, full, 19) == 0);
    CHECK(small[20] == 'Z');
    /* Exactly enough room, and one byte short. */
    {
        char *exact = malloc(needed + 1);
        CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, exact, needed + 1, NULL) == HTTPSTATUS_OK);
        CHECK(strcmp(exact, full) == 0);
        CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, exact, needed, NULL) == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
        CHECK(strlen(exact) == needed - 1);
        free(exact);
    }
    /* A cut never leaves half a UTF-8 character: "\xe2\x80\xa6" is 3 bytes. */
    {
        httpstatus_context *ctx = httpstatus_context_new();
        char out[8];
        const char *v = "\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9";
        httpstatus_template *t = NULL;
        CHECK(httpstatus_template_compile("{{path}}", 8, HTTPSTATUS_FORMAT_TEXT, &t, NULL, 0) == HTTPSTATUS_OK);
        CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_PATH, v, strlen(v)) == HTTPSTATUS_OK);
        CHECK(httpstatus_render_template(t, 404, ctx, out, 6, NULL) == HTTPSTATUS_ERROR_BUFFER_TOO_SMALL);
        CHECK(strcmp(out, "\xc3\xa9\xc3\xa9") == 0);
        httpstatus_template_free(t);
        httpstatus_context_free(ctx);
    }
}

static void templates(void)
{
    const char *src = "<h1>{{status_line}}</h1><p>{{method}} {{path}}</p>{{reason|raw}}";
    httpstatus_template *t = NULL;
    httpstatus_context *ctx = httpstatus_context_new();
    char buf[512], err[256];
    size_t needed;
    CHECK(httpstatus_template_compile(src, strlen(src), HTTPSTATUS_FORMAT_HTML, &t, err, sizeof err) == HTTPSTATUS_OK);
    CHECK(httpstatus_template_format(t) == HTTPSTATUS_FORMAT_HTML);
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_METHOD, "GET", 3) == HTTPSTATUS_OK);
    CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_PATH, "<b>", 3) == HTTPSTATUS_OK);
    CHECK(httpstatus_render_template(t, 420, ctx, buf, sizeof buf, &needed) == HTTPSTATUS_OK);
    CHECK_STR(buf, "<h1>420 Enhance Your Calm</h1><p>GET &lt;b&gt;</p>Enhance Your Calm");
    CHECK(needed == strlen(buf));
    CHECK(httpstatus_render_template(t, 99, ctx, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_INVALID_CODE);
    CHECK(httpstatus_render_template(NULL, 404, ctx, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    httpstatus_template_free(t);

    /* Errors carry line and column; *out stays untouched. */
    t = (httpstatus_template *)&err; /* sentinel */
    CHECK(httpstatus_template_compile("{{path|raw}}", 12, HTTPSTATUS_FORMAT_HTML, &t, err, sizeof err) == HTTPSTATUS_ERROR_TEMPLATE_SYNTAX);
    CHECK(strstr(err, "request data unescaped") != NULL);
    CHECK(httpstatus_template_compile("<a href={{path}}>", 17, HTTPSTATUS_FORMAT_HTML, &t, err, sizeof err) == HTTPSTATUS_ERROR_TEMPLATE_SYNTAX);
    CHECK(strstr(err, "unquoted attribute") != NULL);
    CHECK(httpstatus_template_compile("a\n  {{bogus}}", 13, HTTPSTATUS_FORMAT_HTML, &t, err, sizeof err) == HTTPSTATUS_ERROR_TEMPLATE_SYNTAX);
    CHECK(t == (httpstatus_template *)&err);
    CHECK(strncmp(err, "line 2, column 3: unknown placeholder `bogus`", 45) == 0);
    CHECK(httpstatus_template_compile("{{code", 6, HTTPSTATUS_FORMAT_TEXT, &t, err, sizeof err) == HTTPSTATUS_ERROR_TEMPLATE_SYNTAX);
    CHECK(strstr(err, "never closed") != NULL);
    CHECK(httpstatus_template_compile("\xff", 1, HTTPSTATUS_FORMAT_TEXT, &t, err, 8) == HTTPSTATUS_ERROR_INVALID_UTF8);
    CHECK(strlen(err) == 7);
    CHECK(httpstatus_template_compile("x", 1, 9, &t, err, sizeof err) == HTTPSTATUS_ERROR_INVALID_FORMAT);
    CHECK(httpstatus_template_compile(NULL, 1, HTTPSTATUS_FORMAT_TEXT, &t, err, sizeof err) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    CHECK(httpstatus_template_compile("x", 1, HTTPSTATUS_FORMAT_TEXT, NULL, err, sizeof err) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    {
        size_t big = (1u << 20) + 1;
        char *huge = malloc(big);
        memset(huge, 'x', big);
        CHECK(httpstatus_template_compile(huge, big, HTTPSTATUS_FORMAT_TEXT, &t, NULL, 0) == HTTPSTATUS_ERROR_TEMPLATE_TOO_LARGE);
        free(huge);
    }
    httpstatus_context_free(ctx);
}

static void bad_arguments(void)
{
    char buf[64];
    size_t needed = 12345;
    CHECK(httpstatus_render(99, HTTPSTATUS_FORMAT_HTML, NULL, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_INVALID_CODE);
    CHECK(httpstatus_render(INT_MIN, HTTPSTATUS_FORMAT_HTML, NULL, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_INVALID_CODE);
    CHECK(httpstatus_render(404, 0, NULL, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_INVALID_FORMAT);
    CHECK(httpstatus_render(404, -1, NULL, buf, sizeof buf, &needed) == HTTPSTATUS_ERROR_INVALID_FORMAT);
    CHECK(needed == 12345); /* untouched on argument errors */
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, NULL, NULL, 10, &needed) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    CHECK(httpstatus_context_set(NULL, HTTPSTATUS_FIELD_PATH, "x", 1) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    CHECK(httpstatus_context_set_details(NULL, true) == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    {
        httpstatus_context *ctx = httpstatus_context_new();
        CHECK(httpstatus_context_set(ctx, 0, "x", 1) == HTTPSTATUS_ERROR_INVALID_FIELD);
        CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_LOGO + 1, "x", 1) == HTTPSTATUS_ERROR_INVALID_FIELD);
        CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_HOME, "/", 1) == HTTPSTATUS_OK);
        CHECK(httpstatus_context_set(ctx, HTTPSTATUS_FIELD_NOTES, "n", 1) == HTTPSTATUS_OK);
        CHECK(httpstatus_context_set(ctx, INT_MAX, "x", 1) == HTTPSTATUS_ERROR_INVALID_FIELD);
        httpstatus_context_free(ctx);
    }
    httpstatus_context_free(NULL);
    httpstatus_template_free(NULL);
    CHECK(httpstatus_template_format(NULL) == 0);
    CHECK_STR(httpstatus_result_describe(HTTPSTATUS_OK), "success");
    CHECK(strstr(httpstatus_result_describe(HTTPSTATUS_ERROR_BUFFER_TOO_SMALL), "too small") != NULL);
    CHECK_STR(httpstatus_result_describe(-5), "unknown result code");
    CHECK_STR(httpstatus_result_describe(INT_MAX), "unknown result code");
}

int main(void)
{
    negotiation();
    builtin_rendering();
    snprintf_semantics();
    templates();
    bad_arguments();
    return check_report("c render");
}
