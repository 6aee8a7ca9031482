import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Mints N customer tokens (users bench-0 .. bench-N-1), one per line, signed with the local key of scripts/keys.sh.
 * Run as a single-file program: java load-tests/MintTokens.java <privateKey.pem> <issuer> <count> <out>
 */
public class MintTokens {

    public static void main(String[] args) throws Exception {
        String pem = Files.readString(Path.of(args[0]))
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        String issuer = args[1];
        int count = Integer.parseInt(args[2]);
        Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
        String header = url.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        long now = System.currentTimeMillis() / 1000;
        StringBuilder out = new StringBuilder();
        Signature signer = Signature.getInstance("SHA256withRSA");
        for (int i = 0; i < count; i++) {
            String payload = "{\"iss\":\"" + issuer + "\",\"sub\":\"bench-" + i + "\",\"upn\":\"bench-" + i
                    + "\",\"groups\":[\"customer\"],\"iat\":" + now + ",\"exp\":" + (now + 7200) + "}";
            String input = header + "." + url.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.UTF_8));
            out.append(input).append('.').append(url.encodeToString(signer.sign())).append('\n');
        }
        Files.writeString(Path.of(args[3]), out);
    }
}
