package io.flashorder.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which webhook URLs the platform will call. A merchant chooses the URL and the platform's own network makes the
 * call, so by default only public DNS names are accepted: no IP literals in any notation (127.0.0.1, 2130706433,
 * [::1], 169.254.169.254, the cloud metadata address) and no local names (localhost, *.local, *.internal). Names
 * are not resolved here (that would block); a public name that resolves to a private address is the network
 * policy's to stop. Local development and tests call receivers on 127.0.0.1 and allow private hosts.
 */
@ApplicationScoped
public class WebhookTargets {

    /** {@code flashorder.webhooks.*} */
    @ConfigMapping(prefix = "flashorder.webhooks")
    public interface Config {
        /** Accept webhook URLs on private hosts (local development and tests only). */
        @WithDefault("false")
        boolean allowPrivateHosts();
    }

    private static final Set<String> LOCAL_SUFFIXES = Set.of("localhost", "local", "internal", "localdomain",
            "home.arpa", "lan", "intranet", "corp");
    /** A public name ends in a label that starts with a letter: never the case for an IP in any notation. */
    private static final Pattern PUBLIC_NAME = Pattern.compile("^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]\\.?$");

    private final Config config;

    public WebhookTargets(Config config) {
        this.config = config;
    }

    /** True when the platform may call this URL: http(s) with a host, and a public DNS name unless allowed. */
    public boolean allows(String url) {
        String host = httpHost(url);
        return host != null && (config.allowPrivateHosts() || isPublicName(host));
    }

    static boolean isPublicName(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (!PUBLIC_NAME.matcher(name).matches()) {
            return false;
        }
        String trimmed = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return LOCAL_SUFFIXES.stream().noneMatch(suffix -> trimmed.equals(suffix) || trimmed.endsWith("." + suffix));
    }

    /** The host of an absolute http or https URL, or null. */
    static String httpHost(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return scheme.equals("http") || scheme.equals("https") ? uri.getHost() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
