import { lazy, Suspense, type ReactNode } from 'react';
import { Navigate, Route, Routes, useLocation } from 'react-router';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import { useReducedMotion } from './lib/useReducedMotion';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { SessionProvider, useSession } from './auth/session';
import { I18nProvider, useI18n } from './i18n';
import type { Action } from '../../core/policy';

// Every page is its own chunk, and so is the authenticated shell (menu, header,
// notices): the login page loads neither.
const AppLayout = lazy(() => import('./layout/AppLayout').then((m) => ({ default: m.AppLayout })));
const LoginPage = lazy(() => import('./features/login/LoginPage'));
const ChangePasswordPage = lazy(() => import('./features/password/ChangePasswordPage'));
const WorkbenchPage = lazy(() => import('./features/workbench/WorkbenchPage'));
const SearchPage = lazy(() => import('./features/search/SearchPage'));
const DivisionsPage = lazy(() => import('./features/admin/DivisionsPage'));
const UsersPage = lazy(() => import('./features/admin/UsersPage'));
const SecurityPage = lazy(() => import('./features/admin/SecurityPage'));
const RegimePage = lazy(() => import('./features/admin/RegimePage'));
const AuditPage = lazy(() => import('./features/admin/AuditPage'));
const NotFoundPage = lazy(() => import('./features/notfound/NotFoundPage'));
const TopicsPage = lazy(() => import('./features/topics/TopicsPage'));
const TopicPage = lazy(() => import('./features/topics/TopicPage'));
const MeetingsPage = lazy(() => import('./features/meetings/MeetingsPage'));
const MeetingPage = lazy(() => import('./features/meetings/MeetingPage'));
const CheckinPage = lazy(() => import('./features/checkin/CheckinPage'));
const MinutesListPage = lazy(() => import('./features/minutes/MinutesListPage'));
const MinutesPage = lazy(() => import('./features/minutes/MinutesPage'));
const ReadingPage = lazy(() => import('./features/distribution/ReadingPage'));
const FilingsPage = lazy(() => import('./features/distribution/FilingsPage'));
const CalendarPage = lazy(() => import('./features/admin/CalendarPage'));
const GuidePage = lazy(() => import('./features/guide/GuidePage'));
const LedgerPage = lazy(() => import('./features/tracking/LedgerPage'));
const TrackingItemPage = lazy(() => import('./features/tracking/ItemPage'));
const LedgerPrintPage = lazy(() => import('./features/tracking/PrintPage'));
const ScoresPage = lazy(() => import('./features/tracking/ScoresPage'));
const CasesPage = lazy(() => import('./features/accountability/CasesPage'));
const CasePage = lazy(() => import('./features/accountability/CasePage'));
const MyCasesPage = lazy(() => import('./features/accountability/MyCasesPage'));
const MyCasePage = lazy(() => import('./features/accountability/MyCasePage'));
const OversightPage = lazy(() => import('./features/oversight/OversightPage'));
const RegistersPage = lazy(() => import('./features/oversight/RegistersPage'));
const InspectionsPage = lazy(() => import('./features/oversight/InspectionsPage'));
const InspectionPage = lazy(() => import('./features/oversight/InspectionPage'));
const RectificationsPage = lazy(() => import('./features/oversight/RectificationsPage'));
const FindingPage = lazy(() => import('./features/oversight/FindingPage'));
const ArchivePage = lazy(() => import('./features/archive/ArchivePage'));

const loading = <Spin size="large" style={{ display: 'block', marginTop: '30vh' }} />;

/** Pages behind the login; a forced password change comes first. */
function RequireSession({ children }: { children: ReactNode }) {
  const { me } = useSession();
  // The route's own location, not the window's: another navigation may already have begun.
  const here = useLocation();
  if (me === undefined) return loading;
  if (me === null) return <Navigate to={`/login?next=${encodeURIComponent(here.pathname + here.search)}`} replace />;
  if (me.user.mustChangePassword) return <Navigate to="/password" replace />;
  return children;
}

function RequireAbility({ action, children }: { action: Action; children: ReactNode }) {
  const { can } = useSession();
  return can(action) ? children : <NotFoundPage />;
}

function Shell() {
  const { locale } = useI18n();
  // antd's animations (dialogs zooming in, messages sliding) follow the system's reduce-motion setting.
  const still = useReducedMotion();
  return (
    <ConfigProvider
      locale={locale === 'en' ? enUSLocale : zhCNLocale}
      theme={{ token: { colorPrimary: '#b71c1c', motion: !still } }}
    >
      <AntApp>
        <SessionProvider>
          <Suspense fallback={loading}>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route path="/password" element={<ChangePasswordPage />} />
              {/* Opened by a QR code, often without a session: the page itself leads through the login. */}
              <Route path="/checkin/:id" element={<CheckinPage />} />
              <Route
                element={
                  <RequireSession>
                    <AppLayout />
                  </RequireSession>
                }
              >
                <Route index element={<WorkbenchPage />} />
                <Route path="topics" element={<TopicsPage />} />
                <Route path="topics/:id" element={<TopicPage />} />
                <Route path="meetings" element={<MeetingsPage />} />
                <Route path="meetings/:id" element={<MeetingPage />} />
                <Route path="minutes" element={<MinutesListPage />} />
                <Route path="minutes/:id" element={<MinutesPage />} />
                <Route path="reading" element={<ReadingPage />} />
                <Route path="tracking" element={<LedgerPage />} />
                <Route path="tracking/print" element={<LedgerPrintPage />} />
                <Route path="tracking/scores" element={<ScoresPage />} />
                <Route path="tracking/:id" element={<TrackingItemPage />} />
                <Route
                  path="filings"
                  element={
                    <RequireAbility action="filing.receive">
                      <FilingsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="cases"
                  element={
                    <RequireAbility action="case.read">
                      <CasesPage />
                    </RequireAbility>
                  }
                />
                {/* 登记问责线索, also from an item's page: /cases/new?itemId=… */}
                <Route
                  path="cases/new"
                  element={
                    <RequireAbility action="case.open">
                      <CasesPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="oversight"
                  element={
                    <RequireAbility action="compliance.read">
                      <OversightPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="oversight/registers"
                  element={
                    <RequireAbility action="oversight.read">
                      <RegistersPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="oversight/inspections"
                  element={
                    <RequireAbility action="oversight.read">
                      <InspectionsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="oversight/inspections/:id"
                  element={
                    <RequireAbility action="oversight.read">
                      <InspectionPage />
                    </RequireAbility>
                  }
                />
                {/* 整改: the server scopes the list to the user's divisions (R6.4). */}
                <Route path="rectifications" element={<RectificationsPage />} />
                <Route path="rectifications/:id" element={<FindingPage />} />
                <Route
                  path="archive"
                  element={
                    <RequireAbility action="archive.read">
                      <ArchivePage />
                    </RequireAbility>
                  }
                />
                <Route path="cases/mine" element={<MyCasesPage />} />
                <Route path="cases/mine/:id" element={<MyCasePage />} />
                <Route
                  path="cases/:id"
                  element={
                    <RequireAbility action="case.read">
                      <CasePage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="admin/calendar"
                  element={
                    <RequireAbility action="calendar.manage">
                      <CalendarPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="admin/divisions"
                  element={
                    <RequireAbility action="org.read">
                      <DivisionsPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="admin/users"
                  element={
                    <RequireAbility action="org.read">
                      <UsersPage />
                    </RequireAbility>
                  }
                />
                <Route
                  path="admin/security"
                  element={
                    <RequireAbility action="security.read">
                      <SecurityPage />
                    </RequireAbility>
                  }
                />
                <Route path="admin/regime" element={<RegimePage />} />
                <Route
                  path="admin/audit"
                  element={
                    <RequireAbility action="audit.read">
                      <AuditPage />
                    </RequireAbility>
                  }
                />
                <Route path="search" element={<SearchPage />} />
                <Route path="guide" element={<GuidePage />} />
                <Route path="guide/:chapter" element={<GuidePage />} />
                <Route path="*" element={<NotFoundPage />} />
              </Route>
            </Routes>
          </Suspense>
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function Root() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
