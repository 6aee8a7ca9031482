package io.flashorder.architecture.cyclic.right;

import io.flashorder.architecture.cyclic.left.Left;

/** The other half of the deliberate package cycle (method calls both ways: javac inlines constants). */
public final class Right {

    private Right() {
    }

    public static int width() {
        return 2;
    }

    public static int height() {
        return Left.depth() * width();
    }
}
