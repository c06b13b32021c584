import { createBrowserRouter } from 'react-router-dom';
import { AppLayout } from './layout/AppLayout';
import { NotFoundPage } from './pages/NotFoundPage';
import { PasswordPage } from './pages/account/PasswordPage';
import { TotpPage } from './pages/account/TotpPage';
import { AuditLogPage } from './pages/audit/AuditLogPage';
import { ChainCheckPage } from './pages/audit/ChainCheckPage';
import { BodiesPage } from './pages/bodies/BodiesPage';
import { CommunitiesPage } from './pages/communities/CommunitiesPage';
import { CoopsPage } from './pages/coops/CoopsPage';
import { DepartmentsPage } from './pages/departments/DepartmentsPage';
import { HomePage } from './pages/home/HomePage';
import { LoginPage } from './pages/login/LoginPage';
import { SecuritySettingsPage } from './pages/system/security/SecuritySettingsPage';
import { UsersPage } from './pages/system/users/UsersPage';
import { TeamsPage } from './pages/teams/TeamsPage';
import { ImportPage } from './pages/workers/import/ImportPage';
import { RosterPage } from './pages/workers/RosterPage';
import { WorkerCreatePage } from './pages/workers/WorkerCreatePage';
import { WorkerPage } from './pages/workers/WorkerPage';
import { QuotaBoardPage } from './pages/quota/QuotaBoardPage';
import { ProposalsPage } from './pages/quota/ProposalsPage';
import { HiringPage } from './pages/hiring/HiringPage';
import { HiringCreatePage } from './pages/hiring/HiringCreatePage';
import { ExitsPage } from './pages/exits/ExitsPage';
import { AgreementsPage } from './pages/agreements/AgreementsPage';
import { AnnualPage } from './pages/assessment/AnnualPage';
import { CalendarPage } from './pages/assessment/CalendarPage';
import { OverduePage } from './pages/assessment/OverduePage';
import { SheetPage } from './pages/assessment/SheetPage';
import { SheetsPage } from './pages/assessment/SheetsPage';
import { TemplatesPage } from './pages/assessment/TemplatesPage';
import { ApprovalsPage } from './pages/payroll/ApprovalsPage';
import { PayslipsPage } from './pages/payroll/PayslipsPage';
import { PoliciesPage } from './pages/payroll/PoliciesPage';
import { RunPage } from './pages/payroll/RunPage';
import { RunsPage } from './pages/payroll/RunsPage';
import { SimulationPage } from './pages/payroll/SimulationPage';
import { AllocationsPage } from './pages/funds/AllocationsPage';
import { BudgetPage } from './pages/funds/BudgetPage';
import { EarmarksPage } from './pages/funds/EarmarksPage';
import { LedgerPage } from './pages/funds/LedgerPage';
import { ReceiptsPage } from './pages/funds/ReceiptsPage';
import { ReconciliationPage } from './pages/funds/ReconciliationPage';
import { ShortfallPage } from './pages/funds/ShortfallPage';
import { TracePage } from './pages/funds/TracePage';
import { PAYROLL_SIGNERS } from './layout/nav';
import { RequireAction, SessionGate } from './session/SessionGate';

// Paths match the menu in layout/nav.tsx; each page names the action its menu entry needs, so an
// address typed by hand shows "no access" rather than a page of errors.
export const router = createBrowserRouter([
  { path: '/login', element: <LoginPage /> },
  {
    element: <SessionGate />,
    children: [
      {
        element: <AppLayout />,
        children: [
          { index: true, element: <HomePage /> },
          { path: 'org/teams', element: <RequireAction action="org.read"><TeamsPage /></RequireAction> },
          { path: 'org/departments', element: <RequireAction action="org.read"><DepartmentsPage /></RequireAction> },
          { path: 'org/communities', element: <RequireAction action="org.read"><CommunitiesPage /></RequireAction> },
          { path: 'org/coops', element: <RequireAction action="org.read"><CoopsPage /></RequireAction> },
          { path: 'org/bodies', element: <RequireAction action="org.read"><BodiesPage /></RequireAction> },
          { path: 'workers', element: <RequireAction action="worker.read"><RosterPage /></RequireAction> },
          { path: 'workers/new', element: <RequireAction action="worker.manage"><WorkerCreatePage /></RequireAction> },
          { path: 'workers/import', element: <RequireAction action="worker.import"><ImportPage /></RequireAction> },
          { path: 'workers/:id', element: <RequireAction action="worker.read"><WorkerPage /></RequireAction> },
          { path: 'quota', element: <RequireAction action="quota.read"><QuotaBoardPage /></RequireAction> },
          { path: 'quota/proposals', element: <RequireAction action="quota.read"><ProposalsPage /></RequireAction> },
          { path: 'hiring', element: <RequireAction action="hiring.read"><HiringPage /></RequireAction> },
          { path: 'hiring/new', element: <RequireAction action="hiring.request"><HiringCreatePage /></RequireAction> },
          { path: 'exits', element: <RequireAction action="hiring.read"><ExitsPage /></RequireAction> },
          { path: 'agreements', element: <RequireAction action="agreement.read"><AgreementsPage /></RequireAction> },
          { path: 'agreements/expiring', element: <RequireAction action="agreement.read"><AgreementsPage expiring /></RequireAction> },
          { path: 'assessment/attendance', element: <RequireAction action="assessment.read"><SheetsPage view="attendance" /></RequireAction> },
          { path: 'assessment/sheets', element: <RequireAction action="assessment.read"><SheetsPage /></RequireAction> },
          { path: 'assessment/sheets/:id', element: <RequireAction action="assessment.read"><SheetPage /></RequireAction> },
          { path: 'assessment/annual', element: <RequireAction action="assessment.read"><AnnualPage /></RequireAction> },
          { path: 'assessment/templates', element: <RequireAction action="assessment.read"><TemplatesPage /></RequireAction> },
          { path: 'assessment/overdue', element: <RequireAction action="assessment.read"><OverduePage /></RequireAction> },
          { path: 'assessment/calendar', element: <RequireAction action="assessment.read"><CalendarPage /></RequireAction> },
          { path: 'system/calendar', element: <RequireAction action="calendar.manage"><CalendarPage /></RequireAction> },
          { path: 'payroll/policies', element: <RequireAction action="payroll.read"><PoliciesPage /></RequireAction> },
          { path: 'payroll/monthly', element: <RequireAction action="payroll.read"><RunsPage key="monthly" kind="monthly" /></RequireAction> },
          { path: 'payroll/monthly/:id', element: <RequireAction action="payroll.read"><RunPage /></RequireAction> },
          { path: 'payroll/annual', element: <RequireAction action="payroll.read"><RunsPage key="annual" kind="annual_bonus" /></RequireAction> },
          { path: 'payroll/annual/:id', element: <RequireAction action="payroll.read"><RunPage /></RequireAction> },
          { path: 'payroll/approvals', element: <RequireAction action={PAYROLL_SIGNERS}><ApprovalsPage /></RequireAction> },
          { path: 'payroll/payslips', element: <RequireAction action={['payroll.read', 'payroll.self']}><PayslipsPage /></RequireAction> },
          { path: 'payroll/simulate', element: <RequireAction action="payroll.policy"><SimulationPage /></RequireAction> },
          { path: 'funds/ledger', element: <RequireAction action="ledger.read"><LedgerPage /></RequireAction> },
          { path: 'funds/receipts', element: <RequireAction action="ledger.read"><ReceiptsPage /></RequireAction> },
          { path: 'funds/allocations', element: <RequireAction action="ledger.read"><AllocationsPage /></RequireAction> },
          { path: 'funds/budget', element: <RequireAction action="budget.read"><BudgetPage /></RequireAction> },
          { path: 'funds/shortfall', element: <RequireAction action="budget.read"><ShortfallPage /></RequireAction> },
          { path: 'funds/reconciliation', element: <RequireAction action="ledger.read"><ReconciliationPage /></RequireAction> },
          { path: 'funds/earmarks', element: <RequireAction action="ledger.read"><EarmarksPage /></RequireAction> },
          { path: 'funds/trace', element: <RequireAction action="ledger.read"><TracePage /></RequireAction> },
          { path: 'audit/log', element: <RequireAction action="audit.read"><AuditLogPage /></RequireAction> },
          { path: 'audit/chain', element: <RequireAction action="audit.read"><ChainCheckPage /></RequireAction> },
          { path: 'system/users', element: <RequireAction action="user.read"><UsersPage /></RequireAction> },
          {
            path: 'system/security',
            element: <RequireAction action="settings.security"><SecuritySettingsPage /></RequireAction>,
          },
          { path: 'account/password', element: <PasswordPage /> },
          { path: 'account/totp', element: <TotpPage /> },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);
