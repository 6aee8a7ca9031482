/**
 * Per-merchant settings (timeouts, webhook target) over platform defaults, kept in memory on every pod.
 */
package io.flashorder.settings;
