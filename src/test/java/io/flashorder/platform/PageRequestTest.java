package io.flashorder.platform;

import io.flashorder.platform.error.ApiException;
import io.flashorder.platform.page.Cursor;
import io.flashorder.platform.page.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PageRequestTest {

    @Test
    void cursorRoundTrips() {
        UUID id = Ids.newId();
        assertThat(PageRequest.parse("5", Cursor.encode(id)).after()).contains(id);
    }

    @Test
    void defaultsAndBounds() {
        assertThat(PageRequest.parse(null, null).limit()).isEqualTo(PageRequest.DEFAULT_LIMIT);
        assertThat(PageRequest.parse("100", "").limit()).isEqualTo(100);
        assertThat(PageRequest.parse(null, null).afterOrStart()).isEqualTo(new UUID(0, 0));
        for (String bad : new String[] {"0", "101", "-1", "1.5", "x"}) {
            assertThatThrownBy(() -> PageRequest.parse(bad, null)).isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).problem().status()).isEqualTo(400));
        }
        assertThatThrownBy(() -> PageRequest.parse(null, "%%%")).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).problem().code()).isEqualTo("invalid-cursor"));
    }
}
