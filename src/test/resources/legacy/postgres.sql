--
-- PostgreSQL database dump
--

\restrict LmV5cxQb9GMJgvgimDKl3odV97pMVwBQhOAoK8gavGOxFotHha05Q2klYCTAA6h

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: accepted_runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.accepted_runs (
    id character varying(36) NOT NULL,
    checklist character varying(63) NOT NULL,
    labels text NOT NULL,
    run_trigger character varying(16) NOT NULL,
    requested_by character varying(63) NOT NULL,
    owner character varying(36) NOT NULL,
    accepted_at bigint NOT NULL,
    started_at bigint,
    checks text NOT NULL
);


--
-- Name: alert_notifications; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alert_notifications (
    id character varying(36) NOT NULL,
    received_at bigint NOT NULL,
    status character varying(16) NOT NULL,
    receiver character varying(255) NOT NULL,
    group_key text NOT NULL,
    payload text NOT NULL
);


--
-- Name: alerts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.alerts (
    notification_id character varying(36) NOT NULL,
    "position" integer NOT NULL,
    fingerprint character varying(64) NOT NULL,
    status character varying(16) NOT NULL,
    alertname character varying(255) NOT NULL,
    starts_at bigint NOT NULL,
    ends_at bigint,
    labels text NOT NULL,
    annotations text NOT NULL
);


--
-- Name: attributions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.attributions (
    id character varying(36) NOT NULL,
    fingerprint character varying(64) NOT NULL,
    starts_at bigint NOT NULL,
    alertname character varying(200) NOT NULL,
    service character varying(200),
    confidence character varying(16) NOT NULL,
    attributed_at bigint NOT NULL,
    resolved_at bigint,
    recovery_seconds bigint,
    document text NOT NULL
);


--
-- Name: audit_events; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_events (
    id character varying(36) NOT NULL,
    at bigint NOT NULL,
    actor character varying(63) NOT NULL,
    action character varying(63) NOT NULL,
    target character varying(255) NOT NULL,
    detail text NOT NULL
);


--
-- Name: chaos_experiments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.chaos_experiments (
    id character varying(36) NOT NULL,
    scenario character varying(200) NOT NULL,
    namespaces text NOT NULL,
    state character varying(16) NOT NULL,
    verdict character varying(16),
    started_by character varying(200) NOT NULL,
    trigger_by character varying(32) NOT NULL,
    owner character varying(64) NOT NULL,
    started_at bigint NOT NULL,
    finished_at bigint,
    report text
);


--
-- Name: check_results; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.check_results (
    run_id character varying(36) NOT NULL,
    "position" integer NOT NULL,
    check_id character varying(63) NOT NULL,
    check_type character varying(63) NOT NULL,
    status character varying(16) NOT NULL,
    started_at bigint NOT NULL,
    duration_ms bigint NOT NULL,
    attempts integer NOT NULL,
    weight double precision NOT NULL,
    message text NOT NULL,
    details text NOT NULL,
    measurements text NOT NULL,
    severity character varying(16) DEFAULT 'normal'::character varying NOT NULL
);


--
-- Name: deploy_markers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.deploy_markers (
    id character varying(36) NOT NULL,
    service character varying(200) NOT NULL,
    environment character varying(200) NOT NULL,
    repository character varying(1000) NOT NULL,
    commit_id character varying(64),
    deployed_at bigint NOT NULL,
    recorded_at bigint NOT NULL,
    version character varying(1000),
    source character varying(64)
);


--
-- Name: replicas; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.replicas (
    id character varying(36) NOT NULL,
    host character varying(255) NOT NULL,
    pid bigint NOT NULL,
    process_start bigint NOT NULL,
    started_at bigint NOT NULL,
    heartbeat_at bigint NOT NULL
);


--
-- Name: runs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.runs (
    id character varying(36) NOT NULL,
    checklist character varying(63) NOT NULL,
    status character varying(16) NOT NULL,
    run_trigger character varying(16) NOT NULL,
    started_at bigint NOT NULL,
    duration_ms bigint NOT NULL,
    labels text NOT NULL,
    passed integer NOT NULL,
    failed integer NOT NULL,
    errors integer NOT NULL,
    skipped integer NOT NULL
);


--
-- Name: schedule_overrides; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.schedule_overrides (
    checklist character varying(63) NOT NULL,
    spec text NOT NULL,
    updated_at bigint NOT NULL
);


--
-- Name: smokegate_schema; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.smokegate_schema (
    version integer NOT NULL,
    name character varying(200) NOT NULL,
    applied_at bigint NOT NULL
);


--
-- Name: techdebt_scans; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.techdebt_scans (
    id character varying(36) NOT NULL,
    scanned_at bigint NOT NULL,
    target_version character varying(32) NOT NULL,
    figures text NOT NULL,
    document text NOT NULL,
    partial integer NOT NULL
);


--
-- Name: verdicts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.verdicts (
    id character varying(36) NOT NULL,
    checklist character varying(63) NOT NULL,
    run_id character varying(36) NOT NULL,
    result character varying(16) NOT NULL,
    score double precision NOT NULL,
    evaluated_at bigint NOT NULL,
    objective_values text NOT NULL,
    document text NOT NULL
);


--
-- Data for Name: accepted_runs; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: alert_notifications; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: alerts; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: attributions; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.attributions VALUES ('01JEGACY0000000000000000A1', 'f00d', 1796117500250, 'HighErrorRate', 'checkout', 'high', 1796117501250, 1796118100250, 600, '{"confidence":"high"}');
INSERT INTO public.attributions VALUES ('01JEGACY0000000000000000A2', 'beef', 1796117600250, 'SlowCheckout', NULL, 'none', 1796117601250, NULL, NULL, '{"confidence":"none","suspects":[]}');


--
-- Data for Name: audit_events; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: chaos_experiments; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.chaos_experiments VALUES ('01JEGACY0000000000000000E1', 'etcd-latency', '["monitoring","etcd"]', 'finished', 'pass', 'ci-token', 'api', 'replica-a', 1796117640250, 1796117730250, '{"verdict":"pass","phases":[]}');
INSERT INTO public.chaos_experiments VALUES ('01JEGACY0000000000000000E2', 'pod-kill', '["shop"]', 'running', NULL, 'scheduler', 'schedule', 'replica-b', 1796117800250, NULL, NULL);


--
-- Data for Name: check_results; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.check_results VALUES ('01JEGACY0000000000000000R1', 0, 'health', 'http', 'passed', 1740830400123, 42, 1, 1, '200 OK', '{"status":"200"}', '[]', 'normal');
INSERT INTO public.check_results VALUES ('01JEGACY0000000000000000R2', 0, 'health', 'http', 'passed', 1740830400123, 42, 1, 1, '200 OK', '{"status":"200"}', '[]', 'normal');
INSERT INTO public.check_results VALUES ('01JEGACY0000000000000000R2', 1, 'latency', 'http', 'failed', 1796117400250, 2300, 3, 1, 'took 2300 ms, limit 1000 ms', '{"url":"https://shop.example/"}', '[]', 'normal');
INSERT INTO public.check_results VALUES ('01JEGACY0000000000000000R2', 2, 'tls', 'http', 'failed', 1740830400123, 42, 1, 1, 'certificate expires in 3 days', '{"severity":"security"}', '[]', 'security');


--
-- Data for Name: deploy_markers; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.deploy_markers VALUES ('01JEGACY0000000000000000D1', 'checkout', 'prod', 'https://github.com/acme/shop', 'abc1234', 1796117430250, 1796117431250, NULL, 'argocd');
INSERT INTO public.deploy_markers VALUES ('01JEGACY0000000000000000D2', 'checkout', 'prod', '', NULL, 1796117490250, 1796117491250, 'ghcr.io/acme/checkout:1.4.2', 'replicaset');


--
-- Data for Name: replicas; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: runs; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.runs VALUES ('01JEGACY0000000000000000R1', 'shop', 'passed', 'api', 1796117400250, 812, '{"env":"prod"}', 1, 0, 0, 0);
INSERT INTO public.runs VALUES ('01JEGACY0000000000000000R2', 'shop', 'failed', 'schedule', 1796117460250, 2450, '{"env":"prod","team":"checkout"}', 1, 2, 0, 0);


--
-- Data for Name: schedule_overrides; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: smokegate_schema; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.smokegate_schema VALUES (1, 'V1__runs.sql', 1796596077021);
INSERT INTO public.smokegate_schema VALUES (2, 'V2__gates_and_alerts.sql', 1796596077100);
INSERT INTO public.smokegate_schema VALUES (3, 'V3__accepted_runs_and_audit.sql', 1796596077196);
INSERT INTO public.smokegate_schema VALUES (4, 'V4__check_severity.sql', 1796596077218);
INSERT INTO public.smokegate_schema VALUES (5, 'V5__techdebt_scans.sql', 1796596077260);
INSERT INTO public.smokegate_schema VALUES (6, 'V6__chaos_experiments.sql', 1796596077320);
INSERT INTO public.smokegate_schema VALUES (7, 'V7__deployments_and_attributions.sql', 1796596077488);


--
-- Data for Name: techdebt_scans; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: verdicts; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.verdicts VALUES ('01JEGACY0000000000000000V1', 'shop', '01JEGACY0000000000000000R1', 'pass', 100, 1796117520250, '{"latency":0.25}', '{"verdict":{"id":"01JEGACY0000000000000000V1","result":"pass"}}');
INSERT INTO public.verdicts VALUES ('01JEGACY0000000000000000V2', 'shop', '01JEGACY0000000000000000R2', 'fail', 0, 1796117580250, '{}', '{"verdict":{"id":"01JEGACY0000000000000000V2","result":"fail"}}');


--
-- Name: accepted_runs accepted_runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.accepted_runs
    ADD CONSTRAINT accepted_runs_pkey PRIMARY KEY (id);


--
-- Name: alert_notifications alert_notifications_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alert_notifications
    ADD CONSTRAINT alert_notifications_pkey PRIMARY KEY (id);


--
-- Name: alerts alerts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_pkey PRIMARY KEY (notification_id, "position");


--
-- Name: attributions attributions_once; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attributions
    ADD CONSTRAINT attributions_once UNIQUE (fingerprint, starts_at);


--
-- Name: attributions attributions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.attributions
    ADD CONSTRAINT attributions_pkey PRIMARY KEY (id);


--
-- Name: audit_events audit_events_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_events
    ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id);


--
-- Name: chaos_experiments chaos_experiments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.chaos_experiments
    ADD CONSTRAINT chaos_experiments_pkey PRIMARY KEY (id);


--
-- Name: check_results check_results_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_results
    ADD CONSTRAINT check_results_pkey PRIMARY KEY (run_id, "position");


--
-- Name: deploy_markers deploy_markers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.deploy_markers
    ADD CONSTRAINT deploy_markers_pkey PRIMARY KEY (id);


--
-- Name: replicas replicas_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.replicas
    ADD CONSTRAINT replicas_pkey PRIMARY KEY (id);


--
-- Name: runs runs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.runs
    ADD CONSTRAINT runs_pkey PRIMARY KEY (id);


--
-- Name: schedule_overrides schedule_overrides_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.schedule_overrides
    ADD CONSTRAINT schedule_overrides_pkey PRIMARY KEY (checklist);


--
-- Name: smokegate_schema smokegate_schema_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.smokegate_schema
    ADD CONSTRAINT smokegate_schema_pkey PRIMARY KEY (version);


--
-- Name: techdebt_scans techdebt_scans_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.techdebt_scans
    ADD CONSTRAINT techdebt_scans_pkey PRIMARY KEY (id);


--
-- Name: verdicts verdicts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.verdicts
    ADD CONSTRAINT verdicts_pkey PRIMARY KEY (id);


--
-- Name: accepted_runs_by_owner; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX accepted_runs_by_owner ON public.accepted_runs USING btree (owner);


--
-- Name: alert_notifications_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX alert_notifications_by_time ON public.alert_notifications USING btree (received_at, id);


--
-- Name: alerts_by_fingerprint; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX alerts_by_fingerprint ON public.alerts USING btree (fingerprint, starts_at);


--
-- Name: attributions_by_alertname; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attributions_by_alertname ON public.attributions USING btree (alertname, starts_at);


--
-- Name: attributions_by_service; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attributions_by_service ON public.attributions USING btree (service, starts_at);


--
-- Name: attributions_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX attributions_by_time ON public.attributions USING btree (starts_at, id);


--
-- Name: audit_events_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX audit_events_by_time ON public.audit_events USING btree (at, id);


--
-- Name: chaos_experiments_by_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chaos_experiments_by_state ON public.chaos_experiments USING btree (state, owner);


--
-- Name: chaos_experiments_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX chaos_experiments_by_time ON public.chaos_experiments USING btree (started_at, id);


--
-- Name: deploy_markers_by_service; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deploy_markers_by_service ON public.deploy_markers USING btree (service, environment, deployed_at);


--
-- Name: deploy_markers_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX deploy_markers_by_time ON public.deploy_markers USING btree (deployed_at, id);


--
-- Name: runs_by_checklist_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX runs_by_checklist_time ON public.runs USING btree (checklist, started_at);


--
-- Name: runs_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX runs_by_time ON public.runs USING btree (started_at, id);


--
-- Name: techdebt_scans_by_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX techdebt_scans_by_time ON public.techdebt_scans USING btree (scanned_at, id);


--
-- Name: verdicts_by_checklist_time; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX verdicts_by_checklist_time ON public.verdicts USING btree (checklist, evaluated_at);


--
-- Name: alerts alerts_notification_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.alerts
    ADD CONSTRAINT alerts_notification_id_fkey FOREIGN KEY (notification_id) REFERENCES public.alert_notifications(id) ON DELETE CASCADE;


--
-- Name: check_results check_results_run_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.check_results
    ADD CONSTRAINT check_results_run_id_fkey FOREIGN KEY (run_id) REFERENCES public.runs(id) ON DELETE CASCADE;


--
-- PostgreSQL database dump complete
--

\unrestrict LmV5cxQb9GMJgvgimDKl3odV97pMVwBQhOAoK8gavGOxFotHha05Q2klYCTAA6h

