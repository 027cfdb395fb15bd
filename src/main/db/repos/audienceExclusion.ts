/**
 * SQL over `contact c`: the contact has stopped marketing messages (by phone, or by a BSUID seen
 * with that phone) and has not resumed. Audiences leave these contacts out (spec §4).
 */
export const OPTED_OUT_SQL = `EXISTS (SELECT 1 FROM contact_opt_out o WHERE o.stopped = 1
  AND (o.subject = c.phone OR o.subject IN
    (SELECT 'bsuid:' || i.user_id FROM user_identity i WHERE i.phone = c.phone)))`
