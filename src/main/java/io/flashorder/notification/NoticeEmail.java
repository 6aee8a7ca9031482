package io.flashorder.notification;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The email layout (templates/NoticeEmail/body.txt), checked at build time; the words come from the bundles. */
@CheckedTemplate(basePath = "NoticeEmail")
final class NoticeEmail {

    private NoticeEmail() {
    }

    static native TemplateInstance body(String greeting, String text, String footer);
}
