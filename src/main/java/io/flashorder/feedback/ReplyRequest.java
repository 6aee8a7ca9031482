package io.flashorder.feedback;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The merchant's one reply to a buyer's feedback (stored masked of personal data like the comment). */
public record ReplyRequest(@NotBlank @Size(max = 500) String text) {
}
