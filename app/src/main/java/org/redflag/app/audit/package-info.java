/** The audit trail: every state change with actor, time, before and after, in an append-only table. */
package org.redflag.app.audit;
