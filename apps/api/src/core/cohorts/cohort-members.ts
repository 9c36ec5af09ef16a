// Who belongs to a cohort, and to a hub, as SQL: officials of member cities, listed experts, coordinators of the
// owner hub. Meetings invite them by default, and feeds and the slot finder read them; one definition for all.

/** Rows (user_id, role, city_id) of the members of cohort `$n`. */
export function cohortMembersSql(cohortParam: string): string {
  return `
    SELECT ra.user_id, 'official'::text AS role, ra.city_id
    FROM cohort_cities cc JOIN role_assignments ra ON ra.city_id = cc.city_id AND ra.role = 'official'
    WHERE cc.cohort_id = ${cohortParam}
    UNION ALL
    SELECT ce.user_id, 'expert'::text, NULL::uuid FROM cohort_experts ce WHERE ce.cohort_id = ${cohortParam}
    UNION ALL
    SELECT ra.user_id, 'coordinator'::text, NULL::uuid
    FROM cohorts co JOIN role_assignments ra ON ra.hub_id = co.hub_id AND ra.role = 'coordinator'
    WHERE co.id = ${cohortParam}`;
}

/** Rows (user_id, role, city_id) of the members of hub `$n`: its coordinators, experts and its cities' officials. */
export function hubMembersSql(hubParam: string): string {
  return `
    SELECT ra.user_id, ra.role::text AS role, NULL::uuid AS city_id
    FROM role_assignments ra WHERE ra.hub_id = ${hubParam} AND ra.role IN ('coordinator', 'expert')
    UNION ALL
    SELECT ra.user_id, 'official'::text, ra.city_id
    FROM cities c JOIN role_assignments ra ON ra.city_id = c.id AND ra.role = 'official'
    WHERE c.hub_id = ${hubParam}`;
}
