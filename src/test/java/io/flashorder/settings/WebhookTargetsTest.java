package io.flashorder.settings;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookTargetsTest {

    private final WebhookTargets publicOnly = new WebhookTargets(() -> false);
    private final WebhookTargets privateAllowed = new WebhookTargets(() -> true);

    @Test
    void publicNamesOverHttpOrHttpsAreCalled() {
        assertThat(publicOnly.allows("https://hooks.merchant.example/flashorder")).isTrue();
        assertThat(publicOnly.allows("http://shop-42.example.co.uk:8443/hooks?v=2")).isTrue();
        assertThat(publicOnly.allows("https://api.xn--bcher-kva.example/")).isTrue();
    }

    @Test
    void addressesAndLocalNamesInAnyNotationAreRefused() {
        for (String url : new String[] {
                "http://127.0.0.1/hook", "http://127.1/hook", "http://2130706433/hook", "http://0x7f000001/hook",
                "http://017700000001/hook", "http://10.0.0.5/hook", "http://192.168.1.10:8080/hook",
                "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook", "http://[fd00::1]/hook",
                "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/hook", "http://localhost/hook",
                "http://LOCALHOST./hook", "http://api.localhost/hook", "http://printer.local/hook",
                "http://metadata.google.internal/computeMetadata/v1/", "http://router.home.arpa/",
                "http://intranet/hook", "http://shop.example.123/hook"}) {
            assertThat(publicOnly.allows(url)).as(url).isFalse();
        }
    }

    @Test
    void onlyAbsoluteHttpUrlsAreEverCalled() {
        for (WebhookTargets targets : new WebhookTargets[] {publicOnly, privateAllowed}) {
            assertThat(targets.allows("ftp://hooks.merchant.example/x")).isFalse();
            assertThat(targets.allows("file:///etc/passwd")).isFalse();
            assertThat(targets.allows("/relative/hook")).isFalse();
            assertThat(targets.allows("not a url")).isFalse();
        }
    }

    @Test
    void privateHostsAreCalledOnlyWhereAllowed() {
        assertThat(privateAllowed.allows("http://127.0.0.1:8089/hook")).isTrue();
        assertThat(publicOnly.allows("http://127.0.0.1:8089/hook")).isFalse();
    }
}
