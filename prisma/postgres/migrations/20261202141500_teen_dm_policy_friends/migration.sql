-- Under 18 the DM policy is friends or nobody: accounts of teens set to "everyone" move to "friends".
-- ("birthDate" is "YYYY-MM-DD": later than the day 18 years ago means under 18.)
UPDATE "User" SET "dmPolicy" = 'friends'
WHERE "dmPolicy" = 'everyone' AND "birthDate" > to_char(CURRENT_DATE - INTERVAL '18 years', 'YYYY-MM-DD');
