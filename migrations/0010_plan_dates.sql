-- The date a tambon plan was made; its quarter (made_quarter) follows from it.
ALTER TABLE plans ADD COLUMN made_on TEXT;
