// The app's pages and the shell around them. Public pages work for everyone; the pages behind
// RequireSession need a signed-in person (and send them to sign in, or to MFA setup, first).
// After an in-app navigation, focus moves to the new page's heading and the view scrolls to the top.
import { Anchor } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, Outlet, Route, Routes, useLocation } from 'react-router';
import { AccessLogPage } from './features/access-log/AccessLogPage.tsx';
import { AccountErasedPage } from './features/account/AccountErasedPage.tsx';
import { AccountPage } from './features/account/AccountPage.tsx';
import { useSession } from './features/account/api.ts';
import { HeaderAccount, SignedOutMenuLinks } from './features/account/HeaderAccount.tsx';
import { MfaSetupPage } from './features/account/MfaSetupPage.tsx';
import { RequireSession } from './features/account/RequireSession.tsx';
import { ConfirmEmailPage } from './features/auth/ConfirmEmailPage.tsx';
import { ForgotPasswordPage } from './features/auth/ForgotPasswordPage.tsx';
import { RegisterPage } from './features/auth/RegisterPage.tsx';
import { ResetPasswordPage } from './features/auth/ResetPasswordPage.tsx';
import { SignInPage } from './features/auth/SignInPage.tsx';
import { VerifyEmailPage } from './features/auth/VerifyEmailPage.tsx';
import { ClaimAccountPage } from './features/claim/ClaimAccountPage.tsx';
import { ChartPage } from './features/clinic/ChartPage.tsx';
import { FindPatientPage } from './features/clinic/FindPatientPage.tsx';
import { MyRequestsPage } from './features/clinic/MyRequestsPage.tsx';
import { ConsentsPage } from './features/consents/ConsentsPage.tsx';
import { RegisterPatientPage } from './features/desk/RegisterPatientPage.tsx';
import { HomePage } from './features/home/HomePage.tsx';
import { useMailboxAvailable } from './features/mailbox/api.ts';
import { MailboxPage } from './features/mailbox/MailboxPage.tsx';
import { MailMessagePage } from './features/mailbox/MailMessagePage.tsx';
import { RecordEntryPage } from './features/record/RecordEntryPage.tsx';
import { RecordPage } from './features/record/RecordPage.tsx';
import { LicenceReviewPage } from './features/registry/LicenceReviewPage.tsx';
import { useSmsOutboxAvailable } from './features/sms/api.ts';
import { SmsOutboxPage } from './features/sms/SmsOutboxPage.tsx';
import { StatusPage } from './features/status/StatusPage.tsx';
import { VerifyPage } from './features/verify/VerifyPage.tsx';
import { homePathFor, navigationFor } from './navigation.ts';
import { AppFrame } from './ui/AppFrame.tsx';
import { ErrorBoundary } from './ui/ErrorBoundary.tsx';
import { NotFoundPage } from './ui/NotFoundPage.tsx';
import { pageHeadingId } from './ui/PageHeader.tsx';

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<StatusPage />} />
        <Route path="verify" element={<VerifyPage />} />
        <Route path="register" element={<RegisterPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="confirm-email" element={<ConfirmEmailPage />} />
        <Route path="account-erased" element={<AccountErasedPage />} />
        <Route path="dev/mailbox" element={<MailboxPage />} />
        <Route path="dev/mailbox/:id" element={<MailMessagePage />} />
        <Route path="dev/sms" element={<SmsOutboxPage />} />
        <Route path="claim" element={<ClaimAccountPage />} />
        <Route element={<RequireSession />}>
          <Route path="home" element={<HomePage />} />
          <Route path="record" element={<RecordPage />} />
          <Route path="record/:id" element={<RecordEntryPage />} />
          <Route path="registry" element={<LicenceReviewPage />} />
          <Route path="consents" element={<ConsentsPage />} />
          <Route path="access-log" element={<AccessLogPage />} />
          <Route path="clinic" element={<FindPatientPage />} />
          <Route path="clinic/requests" element={<MyRequestsPage />} />
          <Route path="clinic/patients/:healthId" element={<ChartPage />} />
          <Route path="desk/register" element={<RegisterPatientPage />} />
          <Route path="account/:section?" element={<AccountPage />} />
          <Route path="mfa-setup" element={<MfaSetupPage />} />
        </Route>
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}

function Layout() {
  const { pathname } = useLocation();
  const session = useSession();
  const mailbox = useMailboxAvailable();
  const smsOutbox = useSmsOutboxAvailable();
  usePageFocus(pathname);
  const signedOut = session.data === null;

  return (
    <AppFrame
      navItems={navigationFor(session.data)}
      homePath={homePathFor(session.data)}
      account={<HeaderAccount session={session.isError ? null : session.data} />}
      menuExtras={signedOut ? (close) => <SignedOutMenuLinks onNavigate={close} /> : undefined}
      footerLinks={
        mailbox || smsOutbox ? (
          <>
            {mailbox ? (
              <Anchor component={Link} to="/dev/mailbox" size="sm">
                Development mailbox
              </Anchor>
            ) : null}
            {smsOutbox ? (
              <Anchor component={Link} to="/dev/sms" size="sm">
                Development SMS
              </Anchor>
            ) : null}
          </>
        ) : null
      }
    >
      <ErrorBoundary resetKey={pathname}>
        <Outlet />
      </ErrorBoundary>
    </AppFrame>
  );
}

function usePageFocus(pathname: string): void {
  const previous = useRef(pathname);
  useEffect(() => {
    if (previous.current === pathname) return;
    previous.current = pathname;
    window.scrollTo({ top: 0 });
    document.getElementById(pageHeadingId)?.focus({ preventScroll: true });
  }, [pathname]);
}
