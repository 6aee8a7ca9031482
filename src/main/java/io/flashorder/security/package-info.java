/**
 * Bearer tokens (verified once, then cached), the current user and its roles, and PII encryption at rest.
 */
package io.flashorder.security;
