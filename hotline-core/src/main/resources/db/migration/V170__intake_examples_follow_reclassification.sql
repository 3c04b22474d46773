-- Issue 14: a labelled example must carry the operators' final labels. intake_examples is written once, when the
-- ticket is created; a later change of the ticket's class, sub-class or level (a reclassification, by whatever code
-- path or by hand) is copied here by this trigger, so the example can never keep a label the operators corrected.
-- relabels counts the corrections, so a model rebuild sees that something changed even when no ticket was added.
alter table intake_examples add column relabelled_at timestamptz;
alter table intake_examples add column relabels int not null default 0;

create function intake_examples_follow_ticket() returns trigger language plpgsql as $$
begin
  update intake_examples
     set category = new.category, subcategory = new.subcategory, severity = new.severity,
         relabelled_at = now(), relabels = relabels + 1
   where ticket_id = new.id;
  return null;
end $$;

create trigger tickets_relabel_example after update of category, subcategory, severity on tickets
  for each row
  when (old.category is distinct from new.category or old.subcategory is distinct from new.subcategory
        or old.severity is distinct from new.severity)
  execute function intake_examples_follow_ticket();
