"""The models of the dotmac write-up (seeds/001) as they were before the fix: src/dotmac/platform/sales/models.py
and deployment/models.py. The tables they reference are `tenants` and `users`, created by 0001_schema.sql (the
real database); the models say `tenant` / `user`, and Integer where the keys are String(255) and UUID."""
from sqlalchemy import Boolean, Column, DateTime, ForeignKey, Integer, Numeric, String, Text
from sqlalchemy.dialects.postgresql import UUID
from sqlalchemy.orm import declarative_base

Base = declarative_base()


class Order(Base):
    __tablename__ = "orders"

    id = Column(Integer, primary_key=True)
    order_number = Column(String(50), unique=True, nullable=False)
    tenant_id = Column(Integer, ForeignKey("tenant.id"), index=True)
    total_amount = Column(Numeric(10, 2))
    approved_by = Column(Integer, ForeignKey("user.id"))


class ServiceActivation(Base):
    __tablename__ = "service_activations"

    id = Column(Integer, primary_key=True)
    order_id = Column(Integer, ForeignKey("orders.id", ondelete="CASCADE"), nullable=False, index=True)
    tenant_id = Column(Integer, ForeignKey("tenant.id"), nullable=False, index=True)
    activated_by = Column(Integer, ForeignKey("user.id"))


class DeploymentInstance(Base):
    __tablename__ = "deployment_instances"

    id = Column(Integer, primary_key=True)
    deployed_by = Column(Integer, ForeignKey("user.id"))  # User who deployed
    approved_by = Column(Integer, ForeignKey("user.id"))  # User who approved
    active = Column(Boolean, default=True)


class DeploymentExecution(Base):
    __tablename__ = "deployment_executions"

    id = Column(Integer, primary_key=True)
    instance_id = Column(Integer, ForeignKey("deployment_instances.id"), index=True)
    triggered_by = Column(Integer, ForeignKey("user.id"))  # User or system
    log = Column(Text)
    started_at = Column(DateTime(timezone=True))
