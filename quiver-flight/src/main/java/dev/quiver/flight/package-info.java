/** Arrow Flight RPC. */
package dev.quiver.flight;
