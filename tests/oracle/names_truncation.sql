-- oracle: default foreign key names cut to 63 bytes: long table and column names, many columns, multibyte names
-- expect: clean
CREATE TABLE organization_membership_invitations_pending_review (id int PRIMARY KEY);

CREATE TABLE organization_membership_invitation_review_comments_archive (
    id int PRIMARY KEY,
    organization_membership_invitation_pending_review_identifier int
        REFERENCES organization_membership_invitations_pending_review (id),
    second_reference_to_the_same_pending_review_invitation_row int
        REFERENCES organization_membership_invitations_pending_review (id)
);

-- Two long names that truncate to the same default name: the second needs a numeric suffix.
CREATE TABLE quarterly_financial_statement_line_item_adjustments_history_a (
    reconciliation_batch_identifier_for_the_adjustment int REFERENCES organization_membership_invitations_pending_review (id),
    reconciliation_batch_identifier_for_the_adjustment_b int REFERENCES organization_membership_invitations_pending_review (id)
);

-- Many columns: the column part stops growing after 63 bytes.
CREATE TABLE wide_key (
    alpha_component int, beta_component int, gamma_component int, delta_component int, epsilon_component int,
    PRIMARY KEY (alpha_component, beta_component, gamma_component, delta_component, epsilon_component)
);
CREATE TABLE wide_ref (
    alpha_component int, beta_component int, gamma_component int, delta_component int, epsilon_component int,
    FOREIGN KEY (alpha_component, beta_component, gamma_component, delta_component, epsilon_component) REFERENCES wide_key
);

-- Multibyte UTF-8 names are cut on a character boundary.
CREATE TABLE "Bestellübersichtsverwaltungsprotokolleinträgeüberprüfungsergebnisse" (id int PRIMARY KEY);
CREATE TABLE "Lieferantenbewertungsänderungsprotokolleinträge" (
    "Bestellübersichtsverwaltungsprotokolleintragsnummer" int
        REFERENCES "Bestellübersichtsverwaltungsprotokolleinträgeüberprüfungsergebnisse" (id)
);
CREATE TABLE "ééééééééééééééééééééééééééééééééééééééééé" (id int PRIMARY KEY, "ééé_id" int REFERENCES "ééééééééééééééééééééééééééééééééééééééééé" (id));
