package io.flashorder.security;

import io.flashorder.platform.FlashorderConfig;
import io.quarkus.runtime.Startup;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Encrypts personal data (names, phone numbers, addresses) at rest with AES-256-GCM. Ciphertexts are
 * {@code v<keyVersion>:<base64(iv | ciphertext+tag)>}: new data uses the current key version, and every
 * version still in the key ring can be read, so keys rotate without rewriting old rows.
 */
@Startup // reads its key ring at start-up, never on an event loop
@Singleton
public class PiiCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    /** Cipher lookup is costly and a Cipher is not thread-safe: one per thread, re-initialised per use. */
    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    });
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String currentVersion;

    public PiiCipher(FlashorderConfig config) {
        for (String entry : keyRing(config.pii())) {
            int colon = entry.indexOf(':');
            if (colon <= 0) {
                throw new IllegalStateException("flashorder.pii.key-ring entries are <version>:<base64 key>");
            }
            byte[] key = Base64.getDecoder().decode(entry.substring(colon + 1).trim());
            if (key.length != 32) {
                throw new IllegalStateException("PII key version " + entry.substring(0, colon) + " is not 256 bits");
            }
            keys.put(entry.substring(0, colon).trim(), new SecretKeySpec(key, "AES"));
        }
        currentVersion = config.pii().currentVersion();
        if (!keys.containsKey(currentVersion)) {
            throw new IllegalStateException("flashorder.pii.current-version " + currentVersion + " is not in the key ring");
        }
    }

    private static List<String> keyRing(FlashorderConfig.Pii config) {
        if (config.keyRing().isPresent() && !config.keyRing().get().isEmpty()) {
            return config.keyRing().get();
        }
        try {
            return Files.readAllLines(config.keyRingFile()).stream().map(String::trim).filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("No PII key ring: set flashorder.pii.key-ring (FLASHORDER_PII_KEY_RING) or run "
                    + "scripts/keys.sh to create " + config.keyRingFile(), e);
        }
    }

    public String encrypt(String plaintext) {
        if (plaintext == null) {
            return null;
        }
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentVersion), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(currentVersion.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
            return "v" + currentVersion + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII encryption failed", e);
        }
    }

    public String decrypt(String ciphertext) {
        if (ciphertext == null) {
            return null;
        }
        int colon = ciphertext.indexOf(':');
        if (!ciphertext.startsWith("v") || colon < 2) {
            throw new IllegalArgumentException("Not a PII ciphertext");
        }
        String version = ciphertext.substring(1, colon);
        SecretKeySpec key = keys.get(version);
        if (key == null) {
            throw new IllegalStateException("PII key version " + version + " is no longer in the key ring");
        }
        try {
            byte[] in = Base64.getDecoder().decode(ciphertext.substring(colon + 1));
            Cipher cipher = CIPHERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, IV_BYTES));
            cipher.updateAAD(version.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, IV_BYTES, in.length - IV_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PII decryption failed (wrong key or tampered data)", e);
        }
    }

    /** For merchant views: keeps the first and last character of names, the last 4 digits of phones. */
    public static String maskName(String name) {
        if (name == null || name.isEmpty()) {
            return name;
        }
        return name.length() <= 2 ? name.charAt(0) + "*" : name.charAt(0) + "*".repeat(name.length() - 2)
                + name.charAt(name.length() - 1);
    }

    public static String maskPhone(String phone) {
        if (phone == null || phone.length() <= 4) {
            return "****";
        }
        return "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }
}
