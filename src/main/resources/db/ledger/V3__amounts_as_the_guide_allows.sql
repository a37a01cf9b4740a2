-- Charges (CLM02, SV102: R 1/18) and unit counts (SV104: R 1/15) as large and as precise as the 005010X222A1 guide
-- allows: up to 18 digits, any of them after the decimal point. NUMERIC(12, 2) refused a CLM02 of 10000000045.
ALTER TABLE claim ALTER COLUMN charge SET DATA TYPE NUMERIC(36, 18);
ALTER TABLE claim_line ALTER COLUMN charge SET DATA TYPE NUMERIC(36, 18);
ALTER TABLE claim_line ALTER COLUMN units SET DATA TYPE NUMERIC(36, 18);
