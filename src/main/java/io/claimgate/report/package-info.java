/**
 * Reports for people: the findings report (JSON, streamed one claim at a time), its CSV export rendered through a
 * Smooks configuration and FreeMarker template from the {@code mappings/} folder, and the run manifest. Report beans
 * are JavaBeans so templates can read them. Depends on {@code finding} only.
 */
package io.claimgate.report;
