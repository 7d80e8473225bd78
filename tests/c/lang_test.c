/* Languages through the C ABI: the list, negotiation, texts in a language, a
 * rendered document in a language, and every bad argument's documented answer. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "httpstatus.h"
#include "check.h"

static int tag_listed(const char *tag)
{
    size_t i;
    for (i = 0; i < httpstatus_language_count(); i++) {
        if (strcmp(httpstatus_language_tag(i), tag) == 0)
            return 1;
    }
    return 0;
}

static void list(void)
{
    static const char *const tags[] = {
        "ar", "bg", "ca", "cs", "da", "de", "el", "en", "es", "fa", "fi", "fr",
        "ga", "he", "hi", "hr", "hu", "id", "it", "ja", "ko", "nb", "nl", "pl",
        "pt", "pt-BR", "ro", "ru", "sr", "sr-Latn", "sv", "th", "tr", "uk", "vi", "zh-Hans",
        "zh-Hant"};
    size_t i;
    CHECK(httpstatus_language_count() == sizeof tags / sizeof tags[0]);
    CHECK_STR(httpstatus_language_tag(0), "en");
    CHECK(httpstatus_language_tag(httpstatus_language_count()) == NULL);
    CHECK(httpstatus_language_tag((size_t)-1) == NULL);
    for (i = 0; i < sizeof tags / sizeof tags[0]; i++)
        CHECK(tag_listed(tags[i]));
    CHECK_STR(httpstatus_language_dir("ar"), "rtl");
    CHECK_STR(httpstatus_language_dir("HE"), "rtl");
    CHECK_STR(httpstatus_language_dir("fa"), "rtl");
    CHECK_STR(httpstatus_language_dir("ja"), "ltr");
    CHECK(httpstatus_language_dir("xx") == NULL);
    CHECK(httpstatus_language_dir(NULL) == NULL);
}

static void negotiation(void)
{
    char *huge;
    CHECK_STR(httpstatus_negotiate_language("de-DE,de;q=0.9,en;q=0.8", NULL), "de");
    CHECK_STR(httpstatus_negotiate_language("fr-CA, en;q=0.1", "en"), "fr");
    CHECK_STR(httpstatus_negotiate_language("zh-TW", NULL), "zh-Hant");
    CHECK_STR(httpstatus_negotiate_language("zh-CN", NULL), "zh-Hans");
    CHECK_STR(httpstatus_negotiate_language("pt-PT", NULL), "pt");
    CHECK_STR(httpstatus_negotiate_language("pt-br", NULL), "pt-BR");
    CHECK_STR(httpstatus_negotiate_language("no", NULL), "nb");
    CHECK_STR(httpstatus_negotiate_language("tlh", "ja"), "ja");
    CHECK_STR(httpstatus_negotiate_language(NULL, "ko"), "ko");
    CHECK_STR(httpstatus_negotiate_language(NULL, "bogus"), "en");
    CHECK_STR(httpstatus_negotiate_language("", NULL), "en");
    CHECK_STR(httpstatus_negotiate_language("en;q=0, ru", NULL), "ru");
    /* 2 MiB: read up to its first MiB, still an answer. */
    huge = malloc(2u << 20);
    if (huge != NULL) {
        memset(huge, 'a', (2u << 20) - 1);
        huge[(2u << 20) - 1] = '\0';
        CHECK_STR(httpstatus_negotiate_language(huge, "sv"), "sv");
        free(huge);
    }
}

static void texts(void)
{
    CHECK_STR(httpstatus_title_in(404, "en"), httpstatus_reason(404));
    CHECK_STR(httpstatus_summary_in(404, "EN"), httpstatus_summary(404));
    CHECK_STR(httpstatus_description_in(599, "en"), httpstatus_description(599));
    CHECK(httpstatus_title_in(404, "de") != NULL && strcmp(httpstatus_title_in(404, "de"), "Not Found") != 0);
    CHECK(httpstatus_summary_in(503, "ja") != NULL);
    CHECK(httpstatus_description_in(420, "ar") != NULL);
    /* Unassigned codes share their class's texts in every language. */
    CHECK_STR(httpstatus_title_in(299, "fi"), httpstatus_title_in(298, "fi"));
    CHECK(httpstatus_title_in(99, "de") == NULL);
    CHECK(httpstatus_title_in(600, "de") == NULL);
    CHECK(httpstatus_title_in(INT_MIN, "de") == NULL);
    CHECK(httpstatus_title_in(404, NULL) == NULL);
    CHECK(httpstatus_title_in(404, "xx") == NULL);
    CHECK(httpstatus_summary_in(404, "de-DE") == NULL); /* exact tags only; negotiate for fallbacks */
    CHECK(httpstatus_description_in(404, "") == NULL);
}

static void documents(void)
{
    httpstatus_context *ctx = httpstatus_context_new();
    char page[16384];
    size_t needed = 0;
    CHECK(ctx != NULL);
    CHECK(httpstatus_context_set_language(ctx, "ar") == HTTPSTATUS_OK);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_HTML, ctx, page, sizeof page, &needed) == HTTPSTATUS_OK);
    CHECK(strstr(page, "<html lang=\"ar\" dir=\"rtl\">") != NULL);
    CHECK(strstr(page, httpstatus_title_in(404, "ar")) != NULL);
    CHECK(httpstatus_context_set_language(ctx, "zh-hant") == HTTPSTATUS_OK);
    CHECK(httpstatus_render(503, HTTPSTATUS_FORMAT_JSON, ctx, page, sizeof page, &needed) == HTTPSTATUS_OK);
    CHECK(strstr(page, httpstatus_summary_in(503, "zh-Hant")) != NULL);
    CHECK(httpstatus_context_set_language(ctx, "klingon") == HTTPSTATUS_ERROR_INVALID_LANGUAGE);
    CHECK(httpstatus_render(503, HTTPSTATUS_FORMAT_JSON, ctx, page, sizeof page, &needed) == HTTPSTATUS_OK);
    CHECK(strstr(page, httpstatus_summary_in(503, "zh-Hant")) != NULL); /* unchanged on error */
    CHECK(httpstatus_context_set_language(ctx, NULL) == HTTPSTATUS_OK);
    CHECK(httpstatus_render(404, HTTPSTATUS_FORMAT_TEXT, ctx, page, sizeof page, &needed) == HTTPSTATUS_OK);
    CHECK(strncmp(page, "404 Not Found\n", 14) == 0);
    CHECK(httpstatus_context_set_language(NULL, "de") == HTTPSTATUS_ERROR_NULL_ARGUMENT);
    CHECK_STR(httpstatus_result_describe(HTTPSTATUS_ERROR_INVALID_LANGUAGE),
              "the tag names no language of the catalogues");
    httpstatus_context_free(ctx);
}

int main(void)
{
    list();
    negotiation();
    texts();
    documents();
    return check_report("c languages");
}
